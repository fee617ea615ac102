import { describe, expect, it } from 'vitest';
import { StepRate } from './stepRate';

describe('StepRate', () => {
  it('unknown until two observations, then the remaining steps over the rate', () => {
    const rate = new StepRate();
    expect(rate.remainingMs(0, 100)).toBeNull();
    rate.observe(10, 1000);
    expect(rate.remainingMs(10, 100)).toBeNull();
    rate.observe(20, 2000); // 10 steps a second
    expect(rate.remainingMs(20, 100)).toBeCloseTo(8000, 6);
    expect(rate.remainingMs(100, 100)).toBe(0);
  });

  it('a pause does not count as slow training', () => {
    const rate = new StepRate();
    rate.observe(0, 0);
    rate.observe(10, 1000);
    rate.interrupt();
    rate.observe(10, 60_000); // resumed a minute later
    rate.observe(20, 61_000);
    expect(rate.remainingMs(20, 30)).toBeCloseTo(1000, 6);
  });

  it('one slow interval nudges the estimate; a lasting change takes over', () => {
    const rate = new StepRate();
    let t = 0;
    let step = 0;
    rate.observe(step, t);
    for (let i = 0; i < 20; i++) rate.observe((step += 5), (t += 500)); // 10 steps/s
    rate.observe((step += 5), (t += 1500)); // an evaluation: 3.3 steps/s for a moment
    const afterBlip = 100 / rate.remainingMs(0, 100)!; // steps per ms
    expect(afterBlip * 1000).toBeGreaterThan(7);
    for (let i = 0; i < 100; i++) rate.observe((step += 1), (t += 500)); // now 2 steps/s
    expect((100 / rate.remainingMs(0, 100)!) * 1000).toBeCloseTo(2, 1);
  });

  it('reset forgets the rate', () => {
    const rate = new StepRate();
    rate.observe(0, 0);
    rate.observe(10, 1000);
    rate.reset();
    expect(rate.remainingMs(0, 10)).toBeNull();
  });
});
