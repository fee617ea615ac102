// The orthographic camera of the 3-D surface view: the domain scaled into the unit square
// centred at the origin, height in [0, 1] scaled to `zScale`, turned by the azimuth about the
// vertical axis and tilted by the elevation. Pure math, so it is unit-tested without a canvas.
export interface Camera {
  /** Radians about the vertical axis. */
  azimuth: number;
  /** Radians above the horizon: 0 is side-on, π/2 looks straight down. */
  elevation: number;
}

export interface Projected {
  x: number;
  y: number;
  /** Larger is nearer the viewer (for painting back to front). */
  depth: number;
}

/** (u, v) in [−½, ½]², h in [0, 1] → screen offsets in units of the plot's size. */
export function project(camera: Camera, u: number, v: number, h: number, zScale = 0.55): Projected {
  const ca = Math.cos(camera.azimuth);
  const sa = Math.sin(camera.azimuth);
  const x = ca * u - sa * v;
  const y = sa * u + ca * v; // into the screen before the tilt
  const z = (h - 0.5) * zScale;
  const ce = Math.cos(camera.elevation);
  const se = Math.sin(camera.elevation);
  return { x, y: -(z * ce + y * se), depth: -y * ce + z * se };
}

export function clampElevation(e: number): number {
  return Math.min(Math.PI / 2 - 0.05, Math.max(0.1, e));
}
