import { describe, expect, it } from 'vitest';
import type { DeviceBuffer, GatherParams } from '../backend';
import { CpuBackend } from './cpuBackend';
import { f32, i32 } from './cpuBuffer';

const backend = new CpuBackend();

function buffer(values: Float32Array | Int32Array | Uint8Array, label: string): DeviceBuffer {
  const dtype =
    values instanceof Float32Array ? 'f32' : values instanceof Int32Array ? 'i32' : 'u8';
  const b = backend.alloc(values.length, dtype, label);
  backend.write(b, values);
  return b;
}

/** 7 rows of 5 values, row r = [10r, 10r + 1, ...]; labels 100 + r. */
const rows = 7;
const rowSize = 5;
const table = Array.from(
  { length: rows * rowSize },
  (_, i) => 10 * Math.floor(i / rowSize) + (i % rowSize),
);

function params(
  src: DeviceBuffer,
  indices: number[],
  extra: Partial<GatherParams> = {},
): GatherParams {
  return {
    src,
    labels: buffer(
      Int32Array.from({ length: rows }, (_, r) => 100 + r),
      'labels',
    ),
    indices: buffer(Int32Array.from(indices), 'indices'),
    offset: 0,
    batch: indices.length,
    rowSize,
    out: backend.alloc(indices.length * rowSize, 'f32', 'out'),
    labelsOut: backend.alloc(indices.length, 'i32', 'labelsOut'),
    scale: 1,
    shift: 0,
    ...extra,
  };
}

describe('cpu gather', () => {
  it('gather, u8 rows by index with scale and shift, batch 3 of 7×5', () => {
    const p = params(buffer(Uint8Array.from(table), 'src'), [6, 0, 3], { scale: 0.5, shift: -1 });
    backend.gather(p);
    const expected = [6, 0, 3].flatMap((r) =>
      table.slice(r * rowSize, (r + 1) * rowSize).map((x) => x * 0.5 - 1),
    );
    expect(Array.from(f32(p.out))).toEqual(expected);
    expect(Array.from(i32(p.labelsOut as DeviceBuffer))).toEqual([106, 100, 103]);
  });

  it('gather, f32 source and an offset into the index buffer', () => {
    const p = params(
      buffer(
        Float32Array.from(table, (x) => x + 0.25),
        'src',
      ),
      [1, 2, 4, 5, 2],
      {
        offset: 2,
        batch: 3,
      },
    );
    backend.gather(p);
    const expected = [4, 5, 2].flatMap((r) =>
      table.slice(r * rowSize, (r + 1) * rowSize).map((x) => x + 0.25),
    );
    expect(Array.from(f32(p.out).subarray(0, 3 * rowSize))).toEqual(expected);
    expect(Array.from(i32(p.labelsOut as DeviceBuffer).subarray(0, 3))).toEqual([104, 105, 102]);
  });

  it('gather, MNIST standard normalisation of bytes 0 and 255', () => {
    const scale = 1 / (255 * 0.3081);
    const shift = -0.1307 / 0.3081;
    const p = params(buffer(Uint8Array.from([0, 255, 0, 255, 0]), 'src'), [0], {
      scale,
      shift,
      rowSize: 5,
    });
    backend.gather(p);
    expect(f32(p.out)[0]).toBeCloseTo(-0.4242, 4);
    expect(f32(p.out)[1]).toBeCloseTo(2.8215, 4);
  });

  it('gather, without labels writes only the inputs', () => {
    const p = params(buffer(Uint8Array.from(table), 'src'), [2], { labels: null, labelsOut: null });
    backend.gather(p);
    expect(Array.from(f32(p.out))).toEqual([20, 21, 22, 23, 24]);
  });

  it('gather, a row index past the data is an error, not NaN', () => {
    const p = params(buffer(Uint8Array.from(table), 'src'), [1, 7]);
    expect(() => backend.gather(p)).toThrow(/index 7 at 1 is outside the 7 rows of "src"/);
  });

  it('gather, a batch past the end of the index buffer is an error', () => {
    const p = params(buffer(Uint8Array.from(table), 'src'), [1, 2], { offset: 1 });
    expect(() => backend.gather(p)).toThrow(/batch 1..3 is outside the 2 indices/);
  });
});
