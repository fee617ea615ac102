// The checks read live state and nothing else: each passes exactly when the state it names
// holds, and says what it sees.
import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import type { LabLive } from '../lab/labLive';
import { INITIAL_LAB } from '../store/labSlice';
import { evaluateCheck, type LiveState } from './checks';
import type { Check } from './lessonSchema';
import { resolveLabState } from './lessonState';

const base: LiveState = {
  run: { state: 'training', message: '', step: 0, loss: null, testLoss: null, testAccuracy: null },
  testReportStep: null,
  curvature: null,
  trace: null,
  spec: templateSpec('spiral'),
  selectedRunIds: [],
  lab: INITIAL_LAB,
  labLive: null,
  words: { state: 'empty', words: 0, wordsPlanned: 0 },
  neighbours: null,
  maps: { maps: {}, sources: {} },
};

const check = (c: Check, live: Partial<LiveState>) => evaluateCheck(c, { ...base, ...live });

describe('lesson checks', () => {
  it('run numbers: accuracy, steps, early stopping', () => {
    const c: Check = { name: 'testAccuracyAbove', value: 0.9 };
    expect(check(c, {}).passed).toBe(false);
    expect(check(c, {}).now).toBe('now —');
    const run = { ...base.run, testAccuracy: 0.93, step: 250 };
    expect(check(c, { run }).passed).toBe(true);
    expect(check(c, { run }).now).toBe('now 93.0 %');
    expect(check({ name: 'testAccuracyBelow', value: 0.75 }, { run }).passed).toBe(false);
    expect(check({ name: 'stepsAtLeast', value: 300 }, { run }).passed).toBe(false);
    const stopped = { ...run, state: 'finished' as const, message: 'Stopped early at step 80: …' };
    expect(check({ name: 'runStoppedEarly' }, { run }).passed).toBe(false);
    expect(check({ name: 'runStoppedEarly' }, { run: stopped }).passed).toBe(true);
    const finished = { ...run, state: 'finished' as const, message: 'Finished.' };
    expect(check({ name: 'runStoppedEarly' }, { run: finished }).passed).toBe(false);
  });

  it('the model and the runs', () => {
    expect(check({ name: 'modelUses', op: 'relu', atLeast: 3 }, {}).passed).toBe(true);
    expect(check({ name: 'modelUses', op: 'relu', atLeast: 4 }, {}).passed).toBe(false);
    expect(check({ name: 'modelLacks', op: 'sigmoid' }, {}).passed).toBe(true);
    expect(check({ name: 'runsCompared', value: 2 }, { selectedRunIds: ['a'] }).passed).toBe(false);
    expect(check({ name: 'runsCompared', value: 2 }, { selectedRunIds: ['a', 'b'] }).passed).toBe(
      true,
    );
  });

  it('the lab: rates against the Hessian, and only the race shown counts', () => {
    const lab = {
      ...INITIAL_LAB,
      ...resolveLabState({
        kind: 'lab',
        surface: 'quadratic',
        optimizers: [{ kind: 'gd', lr: 5 }],
        run: true,
      }),
    };
    expect(check({ name: 'labRateAboveBound', optimizer: 'gd', factor: 1 }, { lab }).passed).toBe(
      true,
    );
    expect(
      check({ name: 'labRateNearOptimal', optimizer: 'gd', tolerance: 0.05 }, { lab }).passed,
    ).toBe(false);
    const path = {
      kind: 'gd' as const,
      lr: 5,
      steps: 12,
      start: [-1.5, 2] as const,
      w: [1e6, 1e6] as const,
      loss: 1e13,
      status: 'diverged' as const,
    };
    const live: LabLive = { surfaceId: 'quadratic', paths: [path] };
    expect(check({ name: 'labDiverged', optimizer: 'gd' }, { lab, labLive: live }).passed).toBe(
      true,
    );
    // A path raced at another rate (an older race) does not count.
    const stale: LabLive = { surfaceId: 'quadratic', paths: [{ ...path, lr: 0.3 }] };
    expect(check({ name: 'labDiverged', optimizer: 'gd' }, { lab, labLive: stale }).passed).toBe(
      false,
    );
    const other: LabLive = { surfaceId: 'linear111', paths: [path] };
    expect(check({ name: 'labDiverged', optimizer: 'gd' }, { lab, labLive: other }).passed).toBe(
      false,
    );
  });

  it('the lab: leaving the saddle', () => {
    const lab = { ...INITIAL_LAB, surfaceId: 'linear111' as const };
    const path = (w: readonly [number, number], loss: number) => ({
      kind: 'sgd' as const,
      lr: 0.05,
      steps: 100,
      start: [0.06, -0.05] as const,
      w,
      loss,
      status: 'running' as const,
    });
    const c: Check = { name: 'labLeftSaddle', count: 2, near: 0.2, distance: 0.7, loss: 0.05 };
    const one: LabLive = { surfaceId: 'linear111', paths: [path([1, 1], 0), path([0.1, 0], 1)] };
    expect(check(c, { lab, labLive: one })).toMatchObject({ passed: false, now: '1 of 2 did' });
    const two: LabLive = { surfaceId: 'linear111', paths: [path([1, 1], 0), path([-1, -1], 0)] };
    expect(check(c, { lab, labLive: two }).passed).toBe(true);
  });

  it('a batch traced on the open experiment, with or without a fan-out', () => {
    const c: Check = { name: 'batchTraced', fanOut: true };
    expect(check(c, {}).passed).toBe(false);
    expect(check(c, { trace: { spec: base.spec, fanOut: false } }).passed).toBe(false);
    expect(check(c, { trace: { spec: base.spec, fanOut: true } }).passed).toBe(true);
    // Traced on another experiment: not this one's trace.
    expect(check(c, { trace: { spec: templateSpec('waves'), fanOut: true } }).passed).toBe(false);
  });

  it('curvature tracked on the real net', () => {
    const c: Check = { name: 'curvatureTracked', count: 3 };
    expect(check(c, {}).passed).toBe(false);
    const curvature = { count: 3, max: 4.2, min: -0.3, step: 150 };
    expect(check(c, { curvature })).toMatchObject({ passed: true });
    expect(check(c, { curvature }).now).toContain('a saddle direction');
  });

  it('words: trained, and the neighbours shown for the word asked about', () => {
    const c: Check = { name: 'wordsTrainedAtLeast', words: 1_000_000 };
    expect(check(c, {}).passed).toBe(false);
    const words = { state: 'done', words: 1_790_000, wordsPlanned: 1_790_000 };
    expect(check(c, { words })).toMatchObject({
      passed: true,
      now: '1,790,000 of 1,790,000, done',
    });
    const n: Check = {
      name: 'neighboursInclude',
      word: 'war',
      anyOf: ['wars', 'threat'],
      atLeast: 2,
    };
    expect(check(n, {}).passed).toBe(false);
    const neighbours = { word: 'war', neighbours: ['threat', 'ii', 'wars', 'peace'] };
    expect(check(n, { neighbours })).toMatchObject({ passed: true, now: '2: threat, wars' });
    expect(check({ ...n, atLeast: 3 }, { neighbours }).passed).toBe(false);
    // The same list under another word does not count.
    expect(check(n, { neighbours: { ...neighbours, word: 'army' } }).passed).toBe(false);
  });

  it('maps: a finished t-SNE run on the capture described', () => {
    const vectors = new Float32Array(4);
    const done = {
      state: 'done' as const,
      iteration: 500,
      kl: 1.234,
      algorithm: 'exact' as const,
      from: vectors,
    };
    const maps = {
      maps: { 'representations-map': done, 'words-map': done },
      sources: { 'representations-map': { vectors, layer: 'relu', step: 0 } },
    };
    expect(check({ name: 'wordsMapped' }, {}).passed).toBe(false);
    expect(check({ name: 'wordsMapped' }, { maps })).toMatchObject({
      passed: true,
      now: 't-SNE, iteration 500, KL divergence 1.234, done',
    });
    const pca = { maps: { 'words-map': { ...done, algorithm: 'pca' as const } }, sources: {} };
    expect(check({ name: 'wordsMapped' }, { maps: pca }).passed).toBe(false);

    const before: Check = { name: 'representationsMapped', minStep: 0, maxStep: 0 };
    const after: Check = { name: 'representationsMapped', minStep: 150 };
    const pixels: Check = { name: 'representationsMapped', layer: 'input', minStep: 0 };
    expect(check(before, {}).passed).toBe(false);
    expect(check(before, { maps }).passed).toBe(true);
    expect(check(after, { maps }).passed).toBe(false);
    expect(check(pixels, { maps }).passed).toBe(false);
    const later = { vectors: new Float32Array(4), layer: 'relu', step: 200 };
    // Captured again after training but not mapped yet: the layout is of the old capture.
    const stale = { ...maps, sources: { 'representations-map': later } };
    expect(check(after, { maps: stale })).toMatchObject({
      passed: false,
      now: 'captured relu at step 200; not mapped yet',
    });
    const mapped = {
      maps: { 'representations-map': { ...done, from: later.vectors } },
      sources: { 'representations-map': later },
    };
    expect(check(after, { maps: mapped }).passed).toBe(true);
    expect(check(before, { maps: mapped }).passed).toBe(false);
    const running = {
      ...mapped,
      maps: { 'representations-map': { ...done, from: later.vectors, state: 'running' as const } },
    };
    expect(check(after, { maps: running }).passed).toBe(false);
  });
});
