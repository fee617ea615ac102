import { describe, expect, it } from 'vitest';
import { project } from './projection3d';

describe('3-D surface projection', () => {
  it('looking straight down shows the plane as a map (w₂ up the screen)', () => {
    const cam = { azimuth: 0, elevation: Math.PI / 2 };
    const p = project(cam, 0.5, 0.25, 0.3);
    expect(p.x).toBeCloseTo(0.5, 12);
    expect(p.y).toBeCloseTo(-0.25, 12);
  });

  it('side-on, height goes up the screen and the far side is deeper', () => {
    const cam = { azimuth: 0, elevation: 0 };
    const low = project(cam, 0, 0, 0);
    const high = project(cam, 0, 0, 1);
    expect(high.y).toBeLessThan(low.y);
    expect(project(cam, 0, 0.5, 0.5).depth).toBeLessThan(project(cam, 0, -0.5, 0.5).depth);
  });

  it('a quarter turn of azimuth carries w₁ onto w₂', () => {
    const a = project({ azimuth: Math.PI / 2, elevation: Math.PI / 2 }, 0.4, 0, 0);
    expect(a.x).toBeCloseTo(0, 12);
    expect(a.y).toBeCloseTo(-0.4, 12);
  });
});
