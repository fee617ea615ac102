// A chart as a standalone SVG document, drawn from the same layout as the canvas on screen:
// title and legend, grid, axes with their ticks and labels, and every curve (downsampled to
// the chart's width, so a long run still gives a small file). The PNG download rasterises it.
import type { ChartLayout } from './chartLayout';
import type { Polyline } from './polyline';

export interface ChartText {
  title: string;
  xLabel: string;
  yLabel: string;
}

/** Above the plot: the title and the legend. */
export const EXPORT_HEADER = 28;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const num = (v: number): string => String(Math.round(v * 100) / 100);

/** An SVG path through a polyline's vertices. */
export function pathData(line: Polyline): string {
  const parts: string[] = [];
  for (let i = 0; i < line.length; i++)
    parts.push(`${i === 0 ? 'M' : 'L'}${num(line.xs[i])},${num(line.ys[i])}`);
  return parts.join('');
}

export function chartSvg(layout: ChartLayout, text: ChartText): string {
  const { options: o, innerW, innerH } = layout;
  const width = o.width;
  const height = o.height + EXPORT_HEADER;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${o.margin.left}" y="18" font-size="14" font-weight="600" fill="#1c2430">${escapeXml(text.title)}</text>`,
  );
  // The legend, right-aligned on the title's line.
  let legendX = width - o.margin.right;
  for (const { curve } of [...layout.curves].reverse()) {
    const labelWidth = curve.label.length * 6.2;
    legendX -= labelWidth;
    out.push(
      `<text x="${num(legendX)}" y="18" font-size="11" fill="#5f6b7a">${escapeXml(curve.label)}</text>`,
    );
    legendX -= 8;
    out.push(
      curve.kind === 'points'
        ? `<circle cx="${num(legendX - 4)}" cy="14" r="4" fill="${curve.color}"/>`
        : `<rect x="${num(legendX - 14)}" y="12.5" width="14" height="3" rx="1.5" fill="${curve.color}"/>`,
    );
    legendX -= 28;
  }

  out.push(`<g transform="translate(${o.margin.left},${o.margin.top + EXPORT_HEADER})">`);
  for (const t of layout.yTicks) {
    out.push(
      `<line x1="0" x2="${innerW}" y1="${num(t.at)}" y2="${num(t.at)}" stroke="#eef0f3"/>`,
      `<text x="-8" y="${num(t.at)}" dy="0.32em" text-anchor="end" font-size="11" fill="#5f6b7a">${escapeXml(t.label)}</text>`,
    );
  }
  out.push(`<line x1="0" x2="${innerW}" y1="${innerH}" y2="${innerH}" stroke="#c5ccd6"/>`);
  for (const t of layout.xTicks) {
    out.push(
      `<line x1="${num(t.at)}" x2="${num(t.at)}" y1="${innerH}" y2="${innerH + 6}" stroke="#c5ccd6"/>`,
      `<text x="${num(t.at)}" y="${innerH + 9}" dy="0.71em" text-anchor="middle" font-size="11" fill="#5f6b7a">${escapeXml(t.label)}</text>`,
    );
  }
  // Curves are clipped to the plot area, as on screen (a spike may go past a fixed y range).
  out.push(
    `<clipPath id="plot"><rect x="-4" y="-4" width="${innerW + 8}" height="${innerH + 8}"/></clipPath>`,
    `<g clip-path="url(#plot)" fill="none" stroke-linejoin="round" stroke-linecap="round">`,
  );
  for (const c of layout.curves) {
    const color = c.curve.color;
    if (c.curve.kind === 'line') {
      if (c.raw.length > 0)
        out.push(
          `<path d="${pathData(c.raw)}" stroke="${color}" stroke-opacity="0.22" stroke-width="1"/>`,
        );
      if (c.trend && c.trend.length > 0)
        out.push(`<path d="${pathData(c.trend)}" stroke="${color}" stroke-width="2"/>`);
    } else if (c.raw.length > 0) {
      out.push(
        `<path d="${pathData(c.raw)}" stroke="${color}" stroke-opacity="0.7" stroke-width="1.25"/>`,
      );
      for (let i = 0; i < c.raw.length; i++) {
        out.push(
          `<circle cx="${num(c.raw.xs[i])}" cy="${num(c.raw.ys[i])}" r="3.5" fill="${color}" stroke="#ffffff" stroke-width="1.5"/>`,
        );
      }
    }
  }
  out.push('</g></g>');
  out.push(
    `<text x="${num(o.margin.left + innerW / 2)}" y="${height - 6}" text-anchor="middle" font-size="12" fill="#5f6b7a">${escapeXml(text.xLabel)}</text>`,
    `<text transform="translate(14,${num(EXPORT_HEADER + o.margin.top + innerH / 2)}) rotate(-90)" text-anchor="middle" font-size="12" fill="#5f6b7a">${escapeXml(text.yLabel)}</text>`,
  );
  out.push('</svg>');
  return out.join('\n');
}
