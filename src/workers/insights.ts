// The worker's side of looking inside the network: it keeps what the page asked the probe to
// look at, runs the probe of the current trainer between chunks of steps (at most a few times
// a second while training, at once when idle), and turns each evaluation's test scores into a
// test report. Nothing here touches the run: the probe has a program of its own, and the test
// scores come from the evaluation the trainer runs anyway.
import {
  type CellExamples,
  type ProbeFrame,
  type ProbeRequest,
  type TestReportFrame,
} from '../engine/analysis/insightFrames';
import { ActivationProbe } from '../engine/analysis/probe';
import { cellExamples, testReport } from '../engine/analysis/testReport';
import type { Backend } from '../engine/backend/backend';
import { rowSize, type Dataset } from '../engine/data/dataset';
import { datasetNormalization } from '../engine/data/registry';
import type { EngineEvent } from '../engine/train/events';
import type { Trainer } from '../engine/train/trainer';

/** While training, a probe frame at most this often... */
const PROBE_INTERVAL_MS = 250;
/** ...or this often when the input has just changed (someone is drawing). */
const CHANGED_INTERVAL_MS = 100;
/** The most examples one confusion-matrix cell sends. */
const MAX_CELL_EXAMPLES = 64;

export interface InsightsHost {
  emit(event: EngineEvent): void;
  /** Runs trainer work one call at a time (the worker's queue). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** The current trainer: work for any other is abandoned. */
  current(): Trainer | null;
  lostDevice(backend: Backend): Promise<boolean>;
}

/** Whether the data's samples are images the probe can show ([channels, height, width]). */
export function hasImages(dataset: Dataset): boolean {
  return dataset.sampleShape.length === 3;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Insights {
  private request: ProbeRequest | null = null;
  private changed = false;
  private lastAt = 0;
  /** The probe of one trainer, built on first use; null after it failed (said once). */
  private probe: { trainer: Trainer; probe: Promise<ActivationProbe> | null } | null = null;

  constructor(private readonly host: InsightsHost) {}

  /** What to probe from now on (null: nothing); checked against the trainer's data when drawn. */
  setRequest(request: ProbeRequest | null): void {
    this.request = request;
    this.changed = true;
  }

  /** Whether a probe frame is due between two chunks of training. */
  due(): boolean {
    if (this.request === null) return false;
    const interval = this.changed ? CHANGED_INTERVAL_MS : PROBE_INTERVAL_MS;
    return performance.now() - this.lastAt >= interval;
  }

  /** Frees the probe of a trainer that is going away. */
  drop(): void {
    const old = this.probe;
    this.probe = null;
    void old?.probe?.then((p) => p.dispose()).catch(() => undefined); // its buffers went with a lost device
  }

  /**
   * Probes `t`'s current weights with the requested input and sends the frame. A probe that
   * cannot run is said once and the run goes on without it; only a lost device is thrown.
   */
  async draw(t: Trainer): Promise<void> {
    const request = this.request;
    if (request === null || this.host.current() !== t || !hasImages(t.dataset)) return;
    this.lastAt = performance.now();
    this.changed = false;
    try {
      const frame = await this.host.exclusive(async () =>
        this.host.current() === t ? this.frame(t, request) : null,
      );
      if (frame !== null && this.host.current() === t) this.host.emit({ type: 'probe', frame });
    } catch (error) {
      if (await this.host.lostDevice(t.backend)) throw error;
      if (this.host.current() !== t) return;
      this.drop();
      this.probe = { trainer: t, probe: null }; // no second try for this trainer
      this.host.emit({
        type: 'error',
        kind: 'internal',
        message: `The network could not be probed: ${messageOf(error)}`,
      });
    }
  }

  /** Sends the test report of `t`'s latest evaluation (classification only). */
  reportTests(t: Trainer): void {
    const latest = t.latestTestScores;
    if (latest === null) return;
    const d = t.dataset;
    const classes = latest.scores.length / d.test.count;
    const report = testReport(latest.step, latest.scores, d.test.labels, classes);
    const images = imagesOf(
      d,
      report.mistakes.map((m) => m.index),
    );
    const frame: TestReportFrame = {
      report,
      classNames: d.classNames,
      imageShape: images === null ? null : [...d.sampleShape],
      mistakeImages: images,
    };
    this.host.emit({ type: 'testReport', frame });
  }

  /** One cell of the latest evaluation's confusion matrix; null before the first. */
  cellExamples(t: Trainer, label: number, predicted: number, limit: number): CellExamples | null {
    const latest = t.latestTestScores;
    if (latest === null) return null;
    const d = t.dataset;
    const classes = latest.scores.length / d.test.count;
    const valid = (k: number) => Number.isInteger(k) && k >= 0 && k < classes;
    if (!valid(label) || !valid(predicted)) return null;
    const all = cellExamples(latest.scores, d.test.labels, classes, label, predicted, d.test.count);
    const n = Math.max(0, Math.min(MAX_CELL_EXAMPLES, Math.floor(limit)));
    const examples = all.slice(0, n);
    const images = imagesOf(
      d,
      examples.map((e) => e.index),
    );
    return {
      step: latest.step,
      label,
      predicted,
      total: all.length,
      examples,
      imageShape: images === null ? null : [...d.sampleShape],
      images,
    };
  }

  private async probeOf(t: Trainer): Promise<ActivationProbe | null> {
    if (this.probe?.trainer !== t) {
      this.drop();
      this.probe = {
        trainer: t,
        probe: ActivationProbe.create(t.spec, t.backend, {
          normalization: datasetNormalization(t.spec.data, t.dataset),
          targetSize: t.dataset.targetSize,
        }),
      };
    }
    return this.probe.probe;
  }

  private async frame(t: Trainer, request: ProbeRequest): Promise<ProbeFrame | null> {
    const probe = await this.probeOf(t);
    if (probe === null) return null;
    const d = t.dataset;
    const size = rowSize(d);
    let input: Float32Array;
    let source: ProbeFrame['source'];
    if (request.input.kind === 'test') {
      const index = Math.max(0, Math.min(d.test.count - 1, Math.floor(request.input.index)));
      input = Float32Array.from(d.test.inputs.subarray(index * size, (index + 1) * size));
      source = { kind: 'test', index, label: d.test.labels[index] };
    } else {
      if (request.input.pixels.length !== size)
        throw new Error(
          `a drawing of ${request.input.pixels.length} values; the model takes ${size}`,
        );
      input = Float32Array.from(request.input.pixels);
      source = { kind: 'drawn' };
    }
    const result = await probe.run(t.program, input, {
      filters: request.filters,
      saliency: request.saliency,
    });
    return {
      step: t.stepsDone,
      source,
      inputShape: [...d.sampleShape],
      input,
      classNames: d.classNames,
      result,
      saliencyUnavailable: request.saliency ? probe.saliencyUnavailable : null,
    };
  }
}

/** The raw bytes of the test images at `indices`, one after another; null when not images. */
function imagesOf(d: Dataset, indices: number[]): Uint8Array | null {
  const inputs = d.test.inputs;
  if (!hasImages(d) || !(inputs instanceof Uint8Array)) return null;
  const size = rowSize(d);
  const out = new Uint8Array(indices.length * size);
  indices.forEach((index, i) =>
    out.set(inputs.subarray(index * size, (index + 1) * size), i * size),
  );
  return out;
}
