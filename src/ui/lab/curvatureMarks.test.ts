import { describe, expect, it } from 'vitest';
import { toySurface } from '../../engine/analysis/surfaces/index';
import { curvatureAt, learningRateMarks } from './curvatureMarks';

describe('learning-rate marks', () => {
  it('the quadratic marks 1/λmax, 1/λmin and the limit 2/λmax for GD', () => {
    const c = curvatureAt(toySurface('quadratic'), [0, 0]);
    const marks = learningRateMarks('gd', c);
    expect(marks.map((m) => m.label)).toEqual(['1/λmax', '1/λmin', '2/λmax']);
    expect(marks[2].value).toBeCloseTo(2 / c.lambdaMax, 12);
    expect(marks[2].limit).toBe(true);
  });

  it('adaptive optimizers have no curvature bound to mark', () => {
    const c = curvatureAt(toySurface('quadratic'), [0, 0]);
    expect(learningRateMarks('adam', c)).toEqual([]);
  });

  it('at the 1-1-1 saddle λ = ±2, so GD is stable there up to η = 1', () => {
    const c = curvatureAt(toySurface('linear111'), [0, 0]);
    expect(c.lambdaMin).toBeCloseTo(-2, 12);
    expect(learningRateMarks('gd', c)).toEqual([{ label: '2/λmax here', value: 1, limit: true }]);
  });
});
