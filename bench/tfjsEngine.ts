// TensorFlow.js in Node: the 'cpu' and 'wasm' backends, the loss read back every step, so each
// timed step includes finishing its work. The model and the training loop are in tfjsModel.ts,
// shared with the browser bench.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Dataset } from '../src/engine/data/dataset';
import type { BenchResult, MnistBenchOptions } from './record';
import { trainTfjs } from './tfjsModel';

export type TfjsBackend = 'cpu' | 'wasm';

let wasmPathsSet = false;

/** Switch tfjs to `backend`; returns how long its start-up took (the wasm module's instantiation). */
export async function useTfjsBackend(backend: TfjsBackend): Promise<number> {
  if (backend === 'wasm' && !wasmPathsSet) {
    // In Node the wasm binaries are read from disk; the prefix must end with a separator.
    setWasmPaths(path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
    wasmPathsSet = true;
  }
  const t0 = performance.now();
  if (!(await tf.setBackend(backend)))
    throw new Error(`tfjs could not start its '${backend}' backend`);
  await tf.ready();
  return performance.now() - t0;
}

/** Train `opts.model` on tfjs's current backend; throws if the backend cannot train it. */
export function runTfjs(
  data: Dataset,
  opts: MnistBenchOptions,
  backendInitMs: number,
): Promise<BenchResult> {
  return trainTfjs(data, opts, backendInitMs, { readEvery: 1, clockFrom: 'build' });
}
