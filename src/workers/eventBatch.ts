// How the worker packs what a run emits into one message: neighbouring metrics events become
// one (with fresh arrays, safe to transfer whoever else holds the originals), of
// neighbouring status events in the same state (progress updates) only the latest is kept, and
// of decision-boundary, probe and test-report frames only the latest of each (each one replaces
// the picture).
import { frameBuffers } from '../engine/analysis/decisionBoundary';
import { probeFrameBuffers, testReportBuffers } from '../engine/analysis/insightFrames';
import type { EngineEvent, MetricsEvent } from '../engine/train/events';

/** Events whose latest replaces the others. */
const REPLACED: ReadonlySet<EngineEvent['type']> = new Set(['boundary', 'probe', 'testReport']);

export function coalesceEvents(events: readonly EngineEvent[]): EngineEvent[] {
  const out: EngineEvent[] = [];
  let metricsRun: MetricsEvent[] = [];
  const endMetricsRun = () => {
    if (metricsRun.length > 0) out.push(mergeMetrics(metricsRun));
    metricsRun = [];
  };
  const latest = new Map<EngineEvent['type'], number>();
  events.forEach((e, i) => {
    if (REPLACED.has(e.type)) latest.set(e.type, i);
  });
  for (const [i, e] of events.entries()) {
    if (REPLACED.has(e.type) && latest.get(e.type) !== i) continue;
    if (e.type === 'metrics') {
      metricsRun.push(e);
      continue;
    }
    endMetricsRun();
    const prev = out[out.length - 1];
    if (e.type === 'status' && prev?.type === 'status' && prev.state === e.state) {
      out[out.length - 1] = e;
    } else {
      out.push(e);
    }
  }
  endMetricsRun();
  return out;
}

/** One metrics event holding every step of `run`, with the latest run-level numbers. */
export function mergeMetrics(run: readonly MetricsEvent[]): MetricsEvent {
  let n = 0;
  for (const e of run) n += e.steps.length;
  const steps = new Float64Array(n);
  const loss = new Float32Array(n);
  const accuracy = new Float32Array(n);
  let at = 0;
  for (const e of run) {
    steps.set(e.steps, at);
    loss.set(e.loss, at);
    accuracy.set(e.accuracy, at);
    at += e.steps.length;
  }
  return { ...run[run.length - 1], steps, loss, accuracy };
}

/** The buffers of a coalesced batch, to move rather than copy to the page. */
export function transferablesOf(events: readonly EngineEvent[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const e of events) {
    if (e.type === 'boundary') buffers.push(...frameBuffers(e.frame));
    if (e.type === 'probe') buffers.push(...probeFrameBuffers(e.frame));
    if (e.type === 'testReport') buffers.push(...testReportBuffers(e.frame));
    if (e.type !== 'metrics') continue;
    for (const { buffer } of [e.steps, e.loss, e.accuracy]) {
      // A shared buffer cannot be transferred; it would be copied anyway.
      if (buffer instanceof ArrayBuffer) buffers.push(buffer);
    }
  }
  return buffers;
}
