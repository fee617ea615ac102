// What the worker sends the page to see inside a network: a probe frame (one input's
// activations, filters, probabilities and saliency on the current weights) and a test report
// (what the model gets wrong on the test split), with the images they are about. Every array
// is the frame's own, so a frame travels to the page as transferables.
import type { ProbeResult } from './probe';
import type { TestExample, TestReport } from './testReport';

/** What the page asks the probe to look at: a test sample, or values it made (a drawing). */
export type ProbeInput =
  | { kind: 'test'; index: number }
  | {
      kind: 'drawn';
      /** One sample's raw values, as the data set stores them (grey levels 0–255 for MNIST). */
      pixels: Float32Array;
    };

export interface ProbeRequest {
  input: ProbeInput;
  /** Also read every filter (the filters panel is open). */
  filters: boolean;
  /** Also compute the saliency of the predicted class. */
  saliency: boolean;
}

export interface ProbeFrame {
  /** Training steps taken when the weights were read. */
  step: number;
  /** Which test sample (with its label) or a drawing. */
  source: { kind: 'test'; index: number; label: number } | { kind: 'drawn' };
  /** One sample's shape: [channels, height, width]. */
  inputShape: number[];
  /** The input's raw values (grey levels), as probed. */
  input: Float32Array;
  classNames: string[];
  result: ProbeResult;
  /** Why there is no saliency for this model (null when there is, or when none was asked for). */
  saliencyUnavailable: string | null;
}

export interface TestReportFrame {
  report: TestReport;
  classNames: string[];
  /** One image's shape ([channels, height, width]); null when the samples are not images. */
  imageShape: number[] | null;
  /** The mistakes' images, one after another (raw bytes); null when they are not images. */
  mistakeImages: Uint8Array | null;
}

/** One cell of the confusion matrix: its samples, most confident first. */
export interface CellExamples {
  step: number;
  label: number;
  predicted: number;
  /** How many samples the cell holds (the examples may be fewer). */
  total: number;
  examples: TestExample[];
  imageShape: number[] | null;
  images: Uint8Array | null;
}

export function probeFrameBuffers(frame: ProbeFrame): ArrayBuffer[] {
  const r = frame.result;
  const arrays = [
    frame.input,
    r.scores,
    ...(r.probabilities ? [r.probabilities] : []),
    ...(r.saliency ? [r.saliency.values] : []),
    ...r.activations.map((a) => a.values),
    ...r.filters.map((f) => f.values),
  ];
  return ownBuffers(arrays);
}

export function testReportBuffers(frame: TestReportFrame): ArrayBuffer[] {
  const { report } = frame;
  return ownBuffers([
    report.confusion,
    report.classAccuracy,
    ...report.mistakes.map((m) => m.probabilities),
    ...(frame.mistakeImages ? [frame.mistakeImages] : []),
  ]);
}

export function cellExamplesBuffers(cell: CellExamples): ArrayBuffer[] {
  return ownBuffers([
    ...cell.examples.map((e) => e.probabilities),
    ...(cell.images ? [cell.images] : []),
  ]);
}

/** Each distinct ArrayBuffer once (a shared buffer cannot be transferred; it is copied). */
function ownBuffers(arrays: ArrayBufferView[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  return [...out];
}
