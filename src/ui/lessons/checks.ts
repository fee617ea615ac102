// The fixed registry of checks a lesson step can wait for: each reads live state (the run's
// latest numbers, the open experiment, the runs picked for comparison, the lab's race) and
// says what it waits for, what it sees now and whether it holds. A lesson names a check and
// gives its parameters; it can never bring its own code. The numbers a student reads in the
// player come from here, that is, from what the app shows, never from the lesson's text.
import {
  PATH_OPTIMIZER_NAMES,
  stabilityBound,
  type PathOptimizerKind,
} from '../../engine/analysis/pathOptimizers';
import { toySurface } from '../../engine/analysis/surfaces/index';
import type { ExperimentSpec } from '../../engine/spec/schema';
import { curvatureAt } from '../lab/curvatureMarks';
import type { TraceLive } from '../backprop/backpropLive';
import type { LabLive, LivePath } from '../lab/labLive';
import type { LabSettings } from '../store/labSlice';
import type { MapsLive } from '../tsne/mapLive';
import type { NeighboursLive } from '../words/wordsLive';
import type { RunNumbers } from '../store/runSlice';
import { formatInteger, formatLoss, formatPercent } from '../train/format';
import type { Check } from './lessonSchema';

export interface LiveState {
  run: Pick<RunNumbers, 'state' | 'message' | 'step' | 'loss' | 'testLoss' | 'testAccuracy'>;
  /** The training step of the latest test report (confusion matrix); null before one. */
  testReportStep: number | null;
  /** The latest of the Hessian's extreme eigenvalues tracked during training, and how many. */
  curvature: { count: number; max: number; min: number; step: number } | null;
  /** The latest one-batch trace (the backprop panel). */
  trace: TraceLive | null;
  spec: ExperimentSpec;
  selectedRunIds: readonly string[];
  lab: LabSettings;
  labLive: LabLive | null;
  /** The Words page's run: how many corpus words it has read, of how many planned. */
  words: { state: string; words: number; wordsPlanned: number };
  /** The latest nearest-neighbours answer on the Words page. */
  neighbours: NeighboursLive | null;
  /** The embedding maps on the page and what their vectors are. */
  maps: MapsLive;
}

export interface CheckStatus {
  passed: boolean;
  /** What the step waits for, in words. */
  goal: string;
  /** What the app shows now. */
  now: string;
}

const fmt = (v: number) =>
  Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3)
    ? v.toExponential(2)
    : Number(v.toPrecision(3)).toString();

/** λmax of the lab's surface at its start point (everywhere, for the quadratic). */
function labLambdaMax(lab: LabSettings): number {
  const surface = toySurface(lab.surfaceId, lab.dataShape);
  return curvatureAt(surface, lab.start ?? surface.start).lambdaMax;
}

/** The optimizer's path in the race now shown, if it races with the settings shown. */
function livePath(live: LiveState, kind: PathOptimizerKind): LivePath | null {
  const o = live.lab.optimizers[kind];
  if (!o.enabled || live.labLive === null || live.labLive.surfaceId !== live.lab.surfaceId)
    return null;
  return live.labLive.paths.find((p) => p.kind === kind && p.lr === o.lr) ?? null;
}

function pathNow(p: LivePath | null): string {
  if (p === null) return 'not racing yet';
  const state = p.status === 'running' ? 'running' : p.status;
  return `${formatInteger(p.steps)} steps, L = ${fmt(p.loss)}, ${state}`;
}

/** A map's finished t-SNE run ('done', not PCA) and its KL divergence, in words. */
function mapNow(live: LiveState, testId: string): { done: boolean; now: string } {
  const m = live.maps.maps[testId];
  if (m === undefined || m.state === 'idle') return { done: false, now: 'no map run yet' };
  const tsne = m.algorithm !== 'pca';
  const kl = m.kl === null ? '' : `, KL divergence ${m.kl.toFixed(3)}`;
  const what = tsne ? `t-SNE, iteration ${formatInteger(m.iteration)}${kl}` : 'PCA';
  return { done: m.state === 'done' && tsne, now: `${what}, ${m.state}` };
}

const layerName = (layer: string) => (layer === 'input' ? 'the pixels' : layer);

const opCount = (spec: ExperimentSpec, op: string) =>
  spec.model.nodes.filter((n) => n.op === op).length;

export function evaluateCheck(check: Check, live: LiveState): CheckStatus {
  const { run } = live;
  switch (check.name) {
    case 'stepsAtLeast':
      return {
        goal: `Train at least ${formatInteger(check.value)} steps`,
        now: `step ${formatInteger(run.step)}`,
        passed: run.step >= check.value,
      };
    case 'testAccuracyAbove':
      return {
        goal: `Test accuracy above ${formatPercent(check.value)}`,
        now: `now ${formatPercent(run.testAccuracy)}`,
        passed: run.testAccuracy !== null && run.testAccuracy > check.value,
      };
    case 'testAccuracyBelow':
      return {
        goal: `Test accuracy still below ${formatPercent(check.value)}`,
        now: `now ${formatPercent(run.testAccuracy)}`,
        passed: run.testAccuracy !== null && run.testAccuracy < check.value,
      };
    case 'lossBelow':
      return {
        goal: `Training loss below ${formatLoss(check.value)}`,
        now: `now ${formatLoss(run.loss)}`,
        passed: run.loss !== null && run.loss < check.value,
      };
    case 'testLossBelow':
      return {
        goal: `Test loss below ${formatLoss(check.value)}`,
        now: `now ${formatLoss(run.testLoss)}`,
        passed: run.testLoss !== null && run.testLoss < check.value,
      };
    case 'modelUses': {
      const n = opCount(live.spec, check.op);
      return {
        goal:
          check.atLeast === 1
            ? `The model has a ${check.op} node`
            : `The model has at least ${check.atLeast} ${check.op} nodes`,
        now: `${n} ${check.op} node${n === 1 ? '' : 's'}`,
        passed: n >= check.atLeast,
      };
    }
    case 'modelLacks': {
      const n = opCount(live.spec, check.op);
      return {
        goal: `No ${check.op} node left in the model`,
        now: `${n} ${check.op} node${n === 1 ? '' : 's'}`,
        passed: n === 0,
      };
    }
    case 'runStoppedEarly': {
      const early = run.state === 'finished' && run.message.startsWith('Stopped early');
      return {
        goal: 'Early stopping ends the run',
        now: early
          ? `stopped at step ${formatInteger(run.step)}`
          : `step ${formatInteger(run.step)}, ${run.state}`,
        passed: early,
      };
    }
    case 'testReportAfter': {
      const at = live.testReportStep;
      return {
        goal: `The confusion matrix of the model after ${formatInteger(check.step)} or more steps`,
        now: at === null ? 'not evaluated yet' : `evaluated at step ${formatInteger(at)}`,
        passed: at !== null && at >= check.step,
      };
    }
    case 'curvatureTracked': {
      const c = live.curvature;
      return {
        goal: `λmax and λmin of this network measured ${check.count} times while it trains`,
        now:
          c === null
            ? 'not measured yet'
            : `${c.count} so far; at step ${formatInteger(c.step)} λmax = ${fmt(c.max)}, λmin = ${fmt(c.min)}${c.min < 0 ? ' (negative: a saddle direction)' : ''}`,
        passed: c !== null && c.count >= check.count,
      };
    }
    case 'batchTraced': {
      const t = live.trace;
      const current = t !== null && t.spec === live.spec;
      return {
        goal: check.fanOut
          ? 'One batch traced through a model where a value fans out'
          : 'One batch traced through the model, module by module',
        now: !current
          ? 'not traced yet for this model'
          : t.fanOut
            ? 'traced; this model fans out'
            : 'traced; no value fans out here',
        passed: current && (!check.fanOut || t.fanOut),
      };
    }
    case 'runsCompared': {
      const n = live.selectedRunIds.length;
      return {
        goal: `Compare ${check.value} runs (tick them in the run history)`,
        now: `${n} ticked`,
        passed: n >= check.value,
      };
    }
    case 'labSurface':
      return {
        goal: `The lab shows the ${toySurface(check.surface).name}`,
        now: `it shows the ${toySurface(live.lab.surfaceId).name}`,
        passed: live.lab.surfaceId === check.surface,
      };
    case 'labRateAboveBound': {
      const lr = live.lab.optimizers[check.optimizer].lr;
      const bound = stabilityBound(check.optimizer, labLambdaMax(live.lab));
      const limit = bound === null ? null : bound * check.factor;
      const name = PATH_OPTIMIZER_NAMES[check.optimizer];
      return {
        goal: `${name}'s learning rate above ${check.factor === 1 ? '' : `${check.factor} × `}2/λmax`,
        now:
          limit === null
            ? `η = ${fmt(lr)}; no bound here`
            : `η = ${fmt(lr)}, 2/λmax = ${fmt(bound ?? 0)}`,
        passed: limit !== null && lr > limit,
      };
    }
    case 'labRateNearOptimal': {
      const lr = live.lab.optimizers[check.optimizer].lr;
      const lambdaMax = labLambdaMax(live.lab);
      const best = lambdaMax > 0 ? 1 / lambdaMax : null;
      return {
        goal: `${PATH_OPTIMIZER_NAMES[check.optimizer]}'s learning rate at 1/λmax (within ${Math.round(check.tolerance * 100)} %)`,
        now: best === null ? `η = ${fmt(lr)}` : `η = ${fmt(lr)}, 1/λmax = ${fmt(best)}`,
        passed: best !== null && Math.abs(lr - best) <= check.tolerance * best,
      };
    }
    case 'labDiverged': {
      const p = livePath(live, check.optimizer);
      return {
        goal: `${PATH_OPTIMIZER_NAMES[check.optimizer]}'s path diverges`,
        now: pathNow(p),
        passed: p !== null && p.status === 'diverged',
      };
    }
    case 'labStationary': {
      const p = livePath(live, check.optimizer);
      return {
        goal: `${PATH_OPTIMIZER_NAMES[check.optimizer]} stops where the gradient is zero`,
        now: pathNow(p),
        passed: p !== null && p.status === 'stationary',
      };
    }
    case 'labReached': {
      const p = livePath(live, check.optimizer);
      return {
        goal: `${PATH_OPTIMIZER_NAMES[check.optimizer]} reaches a loss below ${fmt(check.loss)}`,
        now: pathNow(p),
        passed: p !== null && p.status !== 'diverged' && p.loss < check.loss,
      };
    }
    case 'labLeftSaddle': {
      const fromSaddle =
        live.labLive === null || live.labLive.surfaceId !== live.lab.surfaceId
          ? []
          : live.labLive.paths.filter((p) => Math.hypot(p.start[0], p.start[1]) <= check.near);
      const left = fromSaddle.filter(
        (p) => Math.hypot(p.w[0], p.w[1]) > check.distance && p.loss < check.loss,
      );
      return {
        goal: `${check.count} path${check.count === 1 ? '' : 's'} started next to the saddle at (0, 0) reach the valley of solutions (L < ${fmt(check.loss)})`,
        now:
          fromSaddle.length === 0
            ? 'no path starts within ' + fmt(check.near) + ' of the saddle'
            : `${left.length} of ${fromSaddle.length} did`,
        passed: left.length >= check.count,
      };
    }
    case 'labRacing': {
      const n = Object.values(live.lab.optimizers).filter((o) => o.enabled).length;
      return {
        goal: `At least ${check.count} optimizers race`,
        now: `${n} racing`,
        passed: n >= check.count,
      };
    }
    case 'wordsTrainedAtLeast': {
      const w = live.words;
      return {
        goal: `Skip-gram has read ${formatInteger(check.words)} words of the corpus`,
        now:
          w.wordsPlanned > 0
            ? `${formatInteger(w.words)} of ${formatInteger(w.wordsPlanned)}, ${w.state}`
            : `no run yet (${w.state})`,
        passed: w.words >= check.words,
      };
    }
    case 'neighboursInclude': {
      const answer = live.neighbours;
      const asked = check.word.toLowerCase();
      const shown = answer !== null && answer.word.trim().toLowerCase() === asked;
      const hits = shown ? answer.neighbours.filter((w) => check.anyOf.includes(w)) : [];
      return {
        goal: `Among the neighbours of “${check.word}”, ${check.atLeast === 1 ? 'one' : `at least ${check.atLeast}`} of: ${check.anyOf.join(', ')}`,
        now: !shown
          ? `no neighbours of “${check.word}” shown`
          : hits.length === 0
            ? 'none of them yet'
            : `${hits.length}: ${hits.join(', ')}`,
        passed: hits.length >= check.atLeast,
      };
    }
    case 'wordsMapped': {
      const m = mapNow(live, 'words-map');
      return { goal: 'A t-SNE map of the word vectors', now: m.now, passed: m.done };
    }
    case 'representationsMapped': {
      const id = 'representations-map';
      const m = mapNow(live, id);
      const source = live.maps.sources[id];
      const { layer, minStep, maxStep } = check;
      const which = layer === undefined ? 'a hidden layer' : layerName(layer);
      const when =
        maxStep === undefined
          ? minStep > 0
            ? ` after ${formatInteger(minStep)} or more training steps`
            : ''
          : maxStep === 0
            ? ' before training'
            : ` captured between steps ${formatInteger(minStep)} and ${formatInteger(maxStep)}`;
      const fits =
        source !== undefined &&
        (layer === undefined ? source.layer !== 'input' : source.layer === layer) &&
        source.step >= minStep &&
        (maxStep === undefined || source.step <= maxStep);
      // The layout shown must be of the capture described, not of an earlier one.
      const current = source !== undefined && live.maps.maps[id]?.from === source.vectors;
      return {
        goal: `A t-SNE map of ${which}${when}`,
        now:
          source === undefined
            ? 'nothing captured yet'
            : `captured ${layerName(source.layer)} at step ${formatInteger(source.step)}; ${current ? m.now : 'not mapped yet'}`,
        passed: fits && current && m.done,
      };
    }
  }
}
