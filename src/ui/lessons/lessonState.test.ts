import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import { mergePatch, resolveLabState, resolveStepSpec } from './lessonState';

describe('lesson step state', () => {
  it('merges a patch as RFC 7386 does', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 5, d: null }, e: [1] })).toEqual({
      a: 1,
      b: { c: 5 },
      e: [1],
    });
  });

  it('patches the open experiment and validates the result', () => {
    const current = templateSpec('spiral');
    const ok = resolveStepSpec({ kind: 'patch', patch: { train: { batchSize: 32 } } }, current);
    expect(ok.ok && ok.spec.train.batchSize).toBe(32);
    expect(ok.ok && ok.spec.model).toEqual(current.model);
    const bad = resolveStepSpec({ kind: 'patch', patch: { train: { batchSize: -1 } } }, current);
    expect(bad.ok).toBe(false);
  });

  it('a template keeps its name unless patched', () => {
    const current = templateSpec('mlp');
    const plain = resolveStepSpec({ kind: 'template', template: 'spiral' }, current);
    expect(plain.ok && plain.templateName).toBe('spiral');
    const patched = resolveStepSpec(
      { kind: 'template', template: 'spiral', patch: { train: { epochs: 2 } } },
      current,
    );
    expect(patched.ok && patched.templateName).toBeNull();
  });

  it('a lab state races only the optimizers it names', () => {
    const lab = resolveLabState({
      kind: 'lab',
      surface: 'quadratic',
      optimizers: [{ kind: 'gd', lr: 0.7 }, { kind: 'adam' }],
      run: true,
    });
    expect(lab.optimizers.gd).toEqual({ enabled: true, lr: 0.7 });
    expect(lab.optimizers.adam.enabled).toBe(true);
    expect(lab.optimizers.sgd.enabled).toBe(false);
    expect(lab.start).toBeNull();
    expect(lab.running).toBe(true);
  });
});
