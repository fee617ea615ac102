// What a step's state becomes: an experiment (through the spec parser, like any link) or the
// lab's settings. Pure functions of the step and of what is open now, so tests can walk every
// step of every lesson without a page.
import { PATH_OPTIMIZER_KINDS } from '../../engine/analysis/pathOptimizers';
import { parseExperimentSpec, type ParseResult } from '../../engine/spec/parse';
import type { ExperimentSpec } from '../../engine/spec/schema';
import { templateSpec, type TemplateName } from '../../engine/spec/templates';
import { DEFAULT_LEARNING_RATES } from '../lab/labDefaults';
import type { LabOptimizer, LabSettings } from '../store/labSlice';
import type { LabStepState, StepState } from './lessonSchema';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch: objects merge, null removes a key, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

export type SpecStepState = Exclude<StepState, { kind: 'lab' }>;

export type ResolvedSpec =
  | { ok: true; spec: ExperimentSpec; templateName: TemplateName | null }
  | { ok: false; errors: string[] };

const named = (result: ParseResult, templateName: TemplateName | null): ResolvedSpec =>
  result.ok ? { ok: true, spec: result.spec, templateName } : result;

/** The experiment a step loads, given the one open now (which a patch changes). */
export function resolveStepSpec(state: SpecStepState, current: ExperimentSpec): ResolvedSpec {
  switch (state.kind) {
    case 'template': {
      const base = templateSpec(state.template);
      if (state.patch === undefined) return { ok: true, spec: base, templateName: state.template };
      return named(parseExperimentSpec(mergePatch(base, state.patch)), null);
    }
    case 'spec':
      return named(parseExperimentSpec(structuredClone(state.spec)), null);
    case 'patch':
      return named(parseExperimentSpec(mergePatch(current, state.patch)), null);
  }
}

/** The lab's settings for a step: its surface, its racers at their rates, its start point. */
export function resolveLabState(
  state: LabStepState,
): Pick<LabSettings, 'surfaceId' | 'start' | 'optimizers' | 'running'> {
  const rates = DEFAULT_LEARNING_RATES[state.surface];
  const optimizers = Object.fromEntries(
    PATH_OPTIMIZER_KINDS.map((kind): [string, LabOptimizer] => {
      const racer = state.optimizers.find((o) => o.kind === kind);
      return [kind, { enabled: racer !== undefined, lr: racer?.lr ?? rates[kind] }];
    }),
  ) as LabSettings['optimizers'];
  return {
    surfaceId: state.surface,
    start: state.start ?? null,
    optimizers,
    running: state.run,
  };
}
