// What the page remembers of a training run: the experiment it trained (whole, so it can be
// reopened and compared), where and with what it ran, how it ended, and its curves cut down to
// at most CURVE_POINTS points. Records are stored in IndexedDB and exported as JSON, and both
// come back through `runRecordSchema`: a file from elsewhere is as untrusted as a link.
import { z } from 'zod';
import { decodeExperimentJson } from '../../engine/spec/urlCodec';
import type { ExperimentSpec } from '../../engine/spec/schema';

/** Curves with more points than this are averaged down, bucket by bucket. */
export const CURVE_POINTS = 1000;

const num = z.number().finite();
/** Non-finite values (a diverged loss) are stored as null: JSON has no NaN. */
const value = z.number().finite().nullable();

const curveSchema = z
  .object({
    steps: z.array(num).max(CURVE_POINTS),
    values: z.array(value).max(CURVE_POINTS),
    /** Points the run produced; more than steps.length when it was downsampled. */
    count: z.number().int().nonnegative(),
  })
  .strict()
  .refine((c) => c.steps.length === c.values.length, 'steps and values differ in length');

export const runStatuses = [
  'running',
  'paused',
  'finished',
  'diverged',
  'failed',
  'interrupted',
] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runRecordSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    name: z.string().max(200),
    createdAt: num,
    updatedAt: num,
    status: z.enum(runStatuses),
    /** The spec as trained; validated separately (migrations, graph checks). */
    spec: z.unknown(),
    specHash: z.string().max(40),
    seed: z.number().int().nonnegative(),
    backend: z
      .object({
        kind: z.enum(['webgpu', 'cpu']).nullable(),
        name: z.string().max(200),
        adapter: z.string().max(300).nullable(),
      })
      .strict(),
    engineVersion: z.string().max(40),
    steps: z.number().int().nonnegative(),
    totalSteps: z.number().int().nonnegative(),
    epochs: num,
    durationMs: num,
    samplesPerSec: value,
    final: z
      .object({ trainLoss: value, trainAccuracy: value, testLoss: value, testAccuracy: value })
      .strict(),
    curves: z
      .object({
        trainLoss: curveSchema,
        trainAccuracy: curveSchema,
        testLoss: curveSchema,
        testAccuracy: curveSchema,
      })
      .strict(),
  })
  .strict();

export type Curve = z.output<typeof curveSchema>;
export type RunRecord = Omit<z.output<typeof runRecordSchema>, 'spec'> & { spec: ExperimentSpec };

/** A record from storage or a file, checked all the way down; its spec passes the link checks. */
export function parseRunRecord(
  json: unknown,
): { ok: true; run: RunRecord } | { ok: false; message: string } {
  const parsed = runRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue.path.join('.') || 'run'}: ${issue.message}` };
  }
  const spec = decodeExperimentJson(parsed.data.spec);
  if (!spec.ok) return { ok: false, message: `spec: ${spec.error.message}` };
  return { ok: true, run: { ...parsed.data, spec: spec.spec } };
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The points of a curve, at most CURVE_POINTS of them: every point when there are few, else
 * the mean step and mean finite value of each of CURVE_POINTS equal runs of points.
 */
export function downsampleCurve(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  count: number,
): Curve {
  if (count <= CURVE_POINTS) {
    const out: Curve = { steps: [], values: [], count };
    for (let i = 0; i < count; i++) {
      out.steps.push(steps[i]);
      out.values.push(finite(values[i]));
    }
    return out;
  }
  const out: Curve = { steps: [], values: [], count };
  for (let b = 0; b < CURVE_POINTS; b++) {
    const from = Math.floor((b * count) / CURVE_POINTS);
    const to = Math.floor(((b + 1) * count) / CURVE_POINTS);
    let sum = 0;
    let n = 0;
    for (let i = from; i < to; i++) {
      if (Number.isFinite(values[i])) {
        sum += values[i];
        n++;
      }
    }
    // The bucket's last step, so the curve ends where the run did.
    out.steps.push(steps[to - 1]);
    out.values.push(n > 0 ? sum / n : null);
  }
  return out;
}

/** A short random id: runs from two tabs or two people do not collide. */
export function newRunId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}
