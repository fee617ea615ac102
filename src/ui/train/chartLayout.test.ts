import { describe, expect, it } from 'vitest';
import { Series } from '../store/runSeries';
import {
  ChartLayoutCache,
  indexAtStep,
  roomToGrow,
  type Curve,
  type LayoutOptions,
} from './chartLayout';
import { chartSvg, escapeXml } from './chartSvg';

const options: LayoutOptions = {
  width: 460,
  height: 260,
  margin: { top: 14, right: 18, bottom: 44, left: 60 },
  yFormat: '~r',
  logScale: false,
  xAxis: 'step',
  stepsPerEpoch: 0,
  totalSteps: 0,
  smoothing: 0.6,
};

function lossCurves(n: number): Curve[] {
  const train = new Series();
  for (let i = 1; i <= n; i++) train.push(i, 2.3 * Math.exp(-i / 100) + 0.1);
  const test = new Series();
  for (let i = 100; i <= n; i += 100) test.push(i, 2.3 * Math.exp(-i / 100) + 0.2);
  return [
    { series: train, label: 'Training (smoothed)', color: '#2563eb', kind: 'line' },
    { series: test, label: 'Test & <co>', color: '#e8590c', kind: 'points' },
  ];
}

describe('ChartLayoutCache', () => {
  it('an empty chart spans 100 steps and says it is empty', () => {
    const layout = new ChartLayoutCache().layout(lossCurves(0), options);
    expect(layout.empty).toBe(true);
    expect(layout.x.domain()).toEqual([0, 100]);
  });

  it('fits the data; 50,000 steps are drawn with a few vertices per pixel column', () => {
    const layout = new ChartLayoutCache().layout(lossCurves(50_000), options);
    expect(layout.empty).toBe(false);
    expect(layout.x.domain()).toEqual([0, 50_000]);
    expect(layout.y.domain()[0]).toBe(0);
    expect(layout.y.domain()[1]).toBeGreaterThanOrEqual(2.3);
    const [train, test] = layout.curves;
    expect(train.raw.length).toBeLessThan(3 * (layout.innerW + 2));
    expect(train.trend!.length).toBeLessThanOrEqual(layout.innerW + 2);
    expect(test.raw.length).toBe(500);
    expect(layout.xTicks.map((t) => t.label)).toContain('20k');
  });

  it('the epoch axis divides steps by the steps per epoch; unknown epochs fall back to steps', () => {
    const curves = lossCurves(1000);
    const epochs = new ChartLayoutCache().layout(curves, {
      ...options,
      xAxis: 'epoch',
      stepsPerEpoch: 500,
    });
    expect(epochs.xAxis).toBe('epoch');
    expect(epochs.x.domain()).toEqual([0, 2]);
    expect(epochs.xOfStep(500)).toBeCloseTo(epochs.innerW / 2, 6);
    const unknown = new ChartLayoutCache().layout(curves, { ...options, xAxis: 'epoch' });
    expect(unknown.xAxis).toBe('step');
  });

  it('log scale spans the positive values and labels its decades', () => {
    const layout = new ChartLayoutCache().layout(lossCurves(1000), { ...options, logScale: true });
    const [lo, hi] = layout.y.domain();
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBeLessThanOrEqual(0.1);
    expect(hi).toBeGreaterThanOrEqual(2.3);
    expect(layout.yTicks.some((t) => t.label === '1')).toBe(true);
  });

  it('extends its smoothed copy as points arrive, and starts over after a clear', () => {
    const cache = new ChartLayoutCache();
    const curves = lossCurves(100);
    cache.layout(curves, options);
    curves[0].series.push(101, 50);
    const layout = cache.layout(curves, options);
    expect(layout.y.domain()[1]).toBeGreaterThanOrEqual(50);
    expect(cache.smoothedAt(curves[0].series, 100)).toBeGreaterThan(10);
    curves[0].series.clear();
    curves[0].series.push(1, 1);
    cache.layout(curves, options);
    expect(cache.smoothedAt(curves[0].series, 0)).toBe(1);
  });
});

describe('roomToGrow', () => {
  it('the next of 1, 2, 5 × 10ᵏ, so the axis moves a few times a run, not every frame', () => {
    expect([0, 3, 10, 11, 150, 200, 201, 4999, 0.32].map(roomToGrow)).toEqual([
      1, 5, 10, 20, 200, 200, 500, 5000, 0.5,
    ]);
  });

  it('the axis grows in those steps, and stops at the run’s length', () => {
    const cache = new ChartLayoutCache();
    expect(cache.layout(lossCurves(300), { ...options, totalSteps: 937 }).x.domain()).toEqual([
      0, 500,
    ]);
    expect(cache.layout(lossCurves(600), { ...options, totalSteps: 937 }).x.domain()).toEqual([
      0, 937,
    ]);
  });
});

describe('indexAtStep', () => {
  it('finds the last point at or before a step', () => {
    const s = new Series();
    for (const step of [10, 20, 30]) s.push(step, step);
    expect(indexAtStep(s, 5)).toBe(-1);
    expect(indexAtStep(s, 10)).toBe(0);
    expect(indexAtStep(s, 29)).toBe(1);
    expect(indexAtStep(s, 1000)).toBe(2);
  });
});

describe('chartSvg', () => {
  const layout = new ChartLayoutCache().layout(lossCurves(2000), options);
  const svg = chartSvg(layout, { title: 'Loss', xLabel: 'Step', yLabel: 'Cross-entropy loss' });

  it('is a standalone SVG with title, axis labels, ticks and both curves', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('>Loss</text>');
    expect(svg).toContain('>Step</text>');
    expect(svg).toContain('>Cross-entropy loss</text>');
    for (const t of layout.xTicks) expect(svg).toContain(`>${t.label}</text>`);
    expect(svg.match(/<path d="M/g)?.length).toBe(3); // raw, trend, test
    expect(svg.match(/<circle cx=/g)?.length).toBe(20 + 1); // 20 test points + legend dot
  });

  it('escapes text, so a label cannot break the document', () => {
    expect(svg).toContain('Test &amp; &lt;co&gt;');
    expect(escapeXml('"a" <b> & c')).toBe('&quot;a&quot; &lt;b&gt; &amp; c');
  });

  it('stays small for a long run: its size follows the width, not the steps', () => {
    const long = new ChartLayoutCache().layout(lossCurves(200_000), options);
    const big = chartSvg(long, { title: 'Loss', xLabel: 'Step', yLabel: 'Loss' });
    expect(big.length).toBeLessThan(300_000);
  });
});
