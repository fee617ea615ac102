// The kernel conformance suite: every backend must compute what the CPU reference computes.
// A case names a kernel and a situation ("matmul, Aᵀ·B, 33×17×5"), gives its inputs as
// arrays, and one call that runs the kernel on buffers holding them; the runner does the call
// on the backend under test and on the CPU backend and compares the outputs it names.
//
// Error measure: max over elements of |got − want| / (1 + |want|), relative where values are
// large and absolute near zero, so a sum of many terms that cancels to ~0 is not held to an
// impossible relative bound. Integer outputs (argmax, labels) must match exactly.
//
// The same cases run in Node (vitest, WebGPU through the `webgpu` package) and inside the
// engine worker in Chromium (the browser test), so both places check the same things.
import type { Backend, DeviceBuffer, DType } from '../backend';
import { CpuBackend } from '../cpu/cpuBackend';
import { SeededRandom } from '../../rng';

export type CaseArray = Float32Array | Int32Array | Uint8Array;

export interface ConformanceCase {
  kernel: string;
  name: string;
  /** Kernel variants this case exercises (matmul, conv) run it once per variant. */
  tunable?: 'matmul' | 'conv';
  inputs: Record<string, CaseArray>;
  /** Buffers to allocate with no initial data (zero-filled), by size and type. */
  scratch?: Record<string, { size: number; dtype: DType }>;
  outputs: string[];
  /** The kernel call(s). May run several steps; submits happen in the runner. */
  call(backend: Backend, buffers: Record<string, DeviceBuffer>): void;
  /** Largest acceptable error (default 1e-4); 0 demands identical bits. */
  tolerance?: number;
}

export interface CaseResult {
  kernel: string;
  name: string;
  worst: number;
  tolerance: number;
  /** Where the worst error is, for a failure message. */
  detail: string;
  passed: boolean;
}

export function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const rng = new SeededRandom(seed, 7);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = scale * rng.normal();
  return out;
}

export function randomInts(n: number, below: number, seed: number): Int32Array {
  const rng = new SeededRandom(seed, 8);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(below);
  return out;
}

function dtypeOf(a: CaseArray): DType {
  return a instanceof Float32Array ? 'f32' : a instanceof Int32Array ? 'i32' : 'u8';
}

async function runOn(backend: Backend, c: ConformanceCase): Promise<Record<string, CaseArray>> {
  const buffers: Record<string, DeviceBuffer> = {};
  for (const [name, data] of Object.entries(c.inputs)) {
    const buf = backend.alloc(data.length, dtypeOf(data), name);
    backend.write(buf, data);
    buffers[name] = buf;
  }
  for (const [name, { size, dtype }] of Object.entries(c.scratch ?? {})) {
    const buf = backend.alloc(size, dtype, name);
    backend.fill(buf, 0);
    buffers[name] = buf;
  }
  c.call(backend, buffers);
  backend.submit();
  const out: Record<string, CaseArray> = {};
  for (const name of c.outputs) out[name] = await backend.read(buffers[name]);
  for (const buf of Object.values(buffers)) backend.free(buf);
  return out;
}

function compare(got: CaseArray, want: CaseArray): { worst: number; at: number } {
  if (got.length !== want.length) return { worst: Infinity, at: -1 };
  const exact = !(want instanceof Float32Array);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    let e: number;
    if (exact) e = g === w ? 0 : Infinity;
    else if (Number.isNaN(w) || Number.isNaN(g))
      e = Number.isNaN(w) && Number.isNaN(g) ? 0 : Infinity;
    else if (g === w) e = 0;
    else e = Math.abs(g - w) / (1 + Math.abs(w));
    if (e > worst || (at < 0 && e > 0)) {
      worst = e;
      at = i;
    }
  }
  return { worst, at };
}

const reference = new CpuBackend();

/** Runs one case on `backend` and on the CPU reference and compares their outputs. */
export async function runCase(backend: Backend, c: ConformanceCase): Promise<CaseResult> {
  const tolerance = c.tolerance ?? 1e-4;
  const [got, want] = [await runOn(backend, c), await runOn(reference, c)];
  let worst = 0;
  let detail = 'all outputs agree';
  for (const name of c.outputs) {
    const r = compare(got[name], want[name]);
    if (r.worst > worst || (r.worst === worst && worst > 0 && detail === 'all outputs agree')) {
      worst = r.worst;
      detail =
        r.at < 0
          ? `${name}: length ${got[name].length}, expected ${want[name].length}`
          : `${name}[${r.at}] = ${got[name][r.at]}, expected ${want[name][r.at]}`;
    }
  }
  return { kernel: c.kernel, name: c.name, worst, tolerance, detail, passed: worst <= tolerance };
}
