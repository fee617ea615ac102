// What each surface's lesson adds to its map: the 1-1-1 net's hyperbola of solutions, the
// quadratic's minimum with its Hessian eigenvectors (drawn as the axes of a level set, long
// where λ is small), the saddle's location, the known minima.
import { eigen2 } from '../../engine/analysis/eigen2';
import type { ToySurface } from '../../engine/analysis/surfaces/index';
import type { PlotMapping } from './paintSurface';

/** The quadratic's minimum: one Newton step from the origin, w* = −H⁻¹·∇L(0). */
export function quadraticMinimum(surface: ToySurface): [number, number] {
  const g = new Float64Array(2);
  surface.gradient(0, 0, g);
  const { h11, h12, h22 } = surface.hessian(0, 0);
  const det = h11 * h22 - h12 * h12;
  return [-(h22 * g[0] - h12 * g[1]) / det, -(-h12 * g[0] + h11 * g[1]) / det];
}

export function drawOverlays(
  ctx: CanvasRenderingContext2D,
  surface: ToySurface,
  map: PlotMapping,
): void {
  ctx.save();
  ctx.font = '12px system-ui, sans-serif';
  if (surface.id === 'linear111') {
    ctx.setLineDash([6, 5]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    for (const sign of [1, -1]) {
      ctx.beginPath();
      for (let k = 0; k <= 200; k++) {
        const w1 = sign * (0.5 + (1.5 * k) / 200);
        const x = map.x(w1);
        const y = map.y(1 / w1);
        if (k === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    label(ctx, 'w₂ = 1/w₁ (all minima)', map.x(0.62), map.y(1.85));
    label(ctx, 'saddle', map.x(0.06), map.y(-0.12));
    dot(ctx, map.x(0), map.y(0), '#fff');
  } else if (surface.id === 'monkeySaddle') {
    label(ctx, 'flat saddle', map.x(0.06), map.y(-0.1));
    dot(ctx, map.x(0), map.y(0), '#fff');
  } else if (surface.id === 'quadratic') {
    const [m1, m2] = quadraticMinimum(surface);
    const { values, vectors } = eigen2(surface.hessian(0, 0));
    const reach = 0.9 / Math.sqrt(Math.max(values[1], 1e-6)); // the longer (flatter) axis
    for (let k = 0; k < 2; k++) {
      const length = (0.9 / Math.sqrt(Math.max(values[k], 1e-6))) * Math.min(1, 2.2 / reach);
      const [v1, v2] = vectors[k];
      arrow(ctx, map.x(m1), map.y(m2), map.x(m1 + v1 * length), map.y(m2 + v2 * length));
      label(
        ctx,
        `v${k === 0 ? '₁' : '₂'}: λ${k === 0 ? 'max' : 'min'} = ${values[k].toFixed(2)}`,
        map.x(m1 + v1 * length) + 4,
        map.y(m2 + v2 * length) - 4,
      );
    }
    dot(ctx, map.x(m1), map.y(m2), '#fff');
  }
  for (const [a, b] of surface.minima) dot(ctx, map.x(a), map.y(b), '#fff');
  ctx.restore();
}

function dot(ctx: CanvasRenderingContext2D, x: number, y: number, color: string) {
  ctx.beginPath();
  ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#111';
  ctx.stroke();
}

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number) {
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = '#fff';
  ctx.fillText(text, x, y);
}

function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number) {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#fff';
  ctx.fillStyle = '#fff';
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 8 * Math.cos(angle - 0.4), y1 - 8 * Math.sin(angle - 0.4));
  ctx.lineTo(x1 - 8 * Math.cos(angle + 0.4), y1 - 8 * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}
