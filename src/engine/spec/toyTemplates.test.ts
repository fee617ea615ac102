// The toy templates do what their descriptions promise, on the CPU backend, with their own seed:
// the numbers quoted in templates.ts.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { makeToyDataset } from '../data/toy2d';
import type { EvalEvent } from '../train/events';
import { Trainer } from '../train/trainer';
import { templateSpec, type TemplateName } from './templates';

async function evaluations(name: TemplateName, steps: number) {
  const spec = templateSpec(name);
  if (spec.data.dataset !== 'toy') throw new Error(`${name} is not a toy template`);
  const data = makeToyDataset(spec.data, spec.train.seed);
  const evals: EvalEvent[] = [];
  const trainer = await Trainer.create(spec, new CpuBackend(), data, (e) => {
    if (e.type === 'eval') evals.push(e);
  });
  await trainer.trainSteps(Math.min(steps, trainer.totalSteps));
  return { evals, data, trainer };
}

describe('toy templates', () => {
  it('spiral: above 90 % test accuracy within 1,000 steps', async () => {
    const { evals } = await evaluations('spiral', 1000);
    expect(Math.max(...evals.map((e) => e.accuracy))).toBeGreaterThan(0.9);
  });

  it('three-arm spiral: three outputs, above 90 % within 1,500 steps', async () => {
    const { evals, data } = await evaluations('threeArmSpiral', 1500);
    expect(data.classes).toBe(3);
    expect(Math.max(...evals.map((e) => e.accuracy))).toBeGreaterThan(0.9);
  });

  it('waves: the test MSE ends below a fifth of the targets’ variance', async () => {
    const { evals, data, trainer } = await evaluations('waves', Infinity);
    expect(trainer.finished).toBe(true);
    const t = data.test.targets!;
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    const variance = t.reduce((a, b) => a + (b - mean) ** 2, 0) / t.length;
    expect(evals[evals.length - 1].loss).toBeLessThan(variance / 5);
  });
});
