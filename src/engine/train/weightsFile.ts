// A trained model's weights as a file a person can download and load back into a matching
// model: "LCWT", a little-endian u32 header length, a JSON header naming every tensor
// ("c1.weight") and its size, zero padding to a 4-byte boundary, then the float32 values in
// header order. A loaded file is untrusted: every length is checked before anything is read.
import { z } from 'zod';

const MAGIC = [0x4c, 0x43, 0x57, 0x54]; // "LCWT"
export const WEIGHTS_FORMAT = 1;
const MAX_HEADER_BYTES = 1 << 20;
const MAX_TENSORS = 4096;

const headerSchema = z
  .object({
    format: z.literal(WEIGHTS_FORMAT),
    engineVersion: z.string().max(40),
    /** The specHash of the experiment trained (a match is not required, only same tensors). */
    specHash: z.string().max(40),
    experiment: z.string().max(200),
    step: z.number().int().nonnegative(),
    tensors: z
      .array(
        z
          .object({ name: z.string().min(1).max(200), size: z.number().int().nonnegative() })
          .strict(),
      )
      .max(MAX_TENSORS),
  })
  .strict();

export type WeightsHeader = z.output<typeof headerSchema>;

export interface WeightsFile {
  header: WeightsHeader;
  /** One array per header tensor, in its order. */
  values: Float32Array[];
}

export type WeightsReadResult = { ok: true; file: WeightsFile } | { ok: false; message: string };

export function encodeWeightsFile(file: WeightsFile): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify(file.header));
  const dataStart = Math.ceil((8 + header.length) / 4) * 4;
  const total = file.values.reduce((n, v) => n + v.length, 0);
  const bytes = new Uint8Array(dataStart + total * 4);
  bytes.set(MAGIC, 0);
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  const view = new DataView(bytes.buffer, dataStart);
  let o = 0;
  for (const values of file.values)
    for (let i = 0; i < values.length; i++, o += 4) view.setFloat32(o, values[i], true);
  return bytes;
}

export function decodeWeightsFile(bytes: Uint8Array): WeightsReadResult {
  const bad = (message: string): WeightsReadResult => ({ ok: false, message });
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b))
    return bad('This is not a LayerCake weights file (it does not start with "LCWT").');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.length)
    return bad('This weights file is damaged: its header runs past the end of the file.');
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)),
    );
  } catch {
    return bad('This weights file is damaged: its header is not readable.');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    const format = (json as { format?: unknown } | null)?.format;
    return bad(
      typeof format === 'number' && format > WEIGHTS_FORMAT
        ? `This weights file was written by a newer LayerCake (format ${format}).`
        : 'This weights file is damaged: its header does not describe any tensors.',
    );
  }
  const header = parsed.data;
  const dataStart = Math.ceil((8 + headerLength) / 4) * 4;
  const total = header.tensors.reduce((n, t) => n + t.size, 0);
  if (dataStart + total * 4 !== bytes.length)
    return bad(
      `This weights file is damaged or cut short: its header lists ${total.toLocaleString('en')} values, and the file holds ${Math.max(0, Math.floor((bytes.length - dataStart) / 4)).toLocaleString('en')}.`,
    );
  const values: Float32Array[] = [];
  let o = dataStart;
  for (const t of header.tensors) {
    const v = new Float32Array(t.size);
    for (let i = 0; i < t.size; i++, o += 4) v[i] = view.getFloat32(o, true);
    values.push(v);
  }
  return { ok: true, file: { header, values } };
}

/**
 * The file's values in the order of `layout` (a model's tensors), or why they do not fit:
 * every tensor of the model must be in the file with the same size, and nothing else.
 */
export function matchWeights(
  file: WeightsFile,
  layout: { name: string; size: number }[],
): { ok: true; values: Float32Array[] } | { ok: false; message: string } {
  const byName = new Map(file.header.tensors.map((t, i) => [t.name, i]));
  const problems: string[] = [];
  const values: Float32Array[] = [];
  for (const t of layout) {
    const i = byName.get(t.name);
    if (i === undefined) problems.push(`the file has no ${t.name}`);
    else if (file.header.tensors[i].size !== t.size)
      problems.push(
        `${t.name} has ${file.header.tensors[i].size.toLocaleString('en')} values in the file and ${t.size.toLocaleString('en')} in this model`,
      );
    else values.push(file.values[i]);
  }
  const names = new Set(layout.map((t) => t.name));
  for (const t of file.header.tensors)
    if (!names.has(t.name)) problems.push(`this model has no ${t.name}`);
  if (problems.length > 0)
    return {
      ok: false,
      message: `These weights do not fit this model: ${problems.slice(0, 4).join('; ')}${problems.length > 4 ? ` (and ${problems.length - 4} more)` : ''}.`,
    };
  return { ok: true, values };
}
