// Finite-difference gradient checking for modules, as the field does it: build one module on
// the CPU backend, define a scalar L from its output, and compare the backward pass against
// central differences (L(θ+ε) − L(θ−ε)) / 2ε for inputs and parameters.
//
// For an ordinary module L = Σ output ⊙ R with a fixed random R, so ∂L/∂output = R.
// For a loss module L is the mean loss it accumulates into metrics[0] over the valid rows.
import { CpuBackend } from '../backend/cpu/cpuBackend';
import type { DeviceBuffer } from '../backend/backend';
import { CpuBuffer } from '../backend/cpu/cpuBuffer';
import type { OpName, OpParams } from '../spec/ops';
import { isLossOp } from '../spec/ops';
import { SeededRandom } from '../rng';
import type { ModuleDef, Shape, StepState } from '../modules/module';
import { shapeSize } from '../modules/module';

export interface GradCheckOptions {
  batch?: number;
  seed?: number;
  eps?: number;
  /** Pass when |analytic − numeric| ≤ atol + rtol · max(|analytic|, |numeric|). */
  atol?: number;
  rtol?: number;
  /** Check at most this many randomly chosen coordinates per tensor. */
  maxChecks?: number;
  /** Custom input values per input index (length batch × size); default N(0, 1). */
  inputValues?: (Float32Array | undefined)[];
  /** Loss targets: i32 class labels, or f32 values shaped like the prediction. */
  target?: Int32Array | Float32Array;
  /** Rows that count (loss modules); default: the whole batch. */
  validRows?: number;
  /** Which inputs get a gradient (default all). */
  inputsNeedGrad?: boolean[];
}

export interface GradCheckMismatch {
  tensor: string;
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradCheckResult {
  checked: number;
  mismatches: GradCheckMismatch[];
  maxError: number;
}

const data = (b: DeviceBuffer): Float32Array => (b as CpuBuffer).data as Float32Array;

export function gradCheck<K extends OpName>(
  def: ModuleDef<K>,
  params: OpParams<K>,
  inputShapes: Shape[],
  options: GradCheckOptions = {},
): GradCheckResult {
  const batch = options.batch ?? 3;
  const eps = options.eps ?? 1e-3;
  const atol = options.atol ?? 2e-3;
  const rtol = options.rtol ?? 2e-2;
  const maxChecks = options.maxChecks ?? 40;
  const rng = new SeededRandom(options.seed ?? 7, 99);
  const backend = new CpuBackend();
  const loss = isLossOp(def.op);

  const info = def.infer(params, inputShapes);
  if (typeof info === 'string') throw new Error(`gradCheck: ${info}`);

  const inputs = inputShapes.map((shape, i) => {
    const n = batch * shapeSize(shape);
    const value = backend.alloc(n, 'f32', `input${i}`);
    const given = options.inputValues?.[i];
    for (let j = 0; j < n; j++) data(value)[j] = given ? given[j] : rng.normal();
    const needGrad = options.inputsNeedGrad?.[i] ?? true;
    return {
      value,
      shape,
      grad: needGrad ? backend.alloc(n, 'f32', `dinput${i}`) : null,
      accumulateGrad: false,
    };
  });
  const outSize = batch * shapeSize(info.shape);
  const output = backend.alloc(loss ? 1 : outSize, 'f32', 'output');
  const gradOutput = loss ? null : backend.alloc(outSize, 'f32', 'doutput');
  const r = new Float64Array(outSize);
  if (gradOutput) for (let j = 0; j < outSize; j++) r[j] = data(gradOutput)[j] = rng.normal();

  let target: DeviceBuffer | null = null;
  if (options.target) {
    target = backend.alloc(
      options.target.length,
      options.target instanceof Int32Array ? 'i32' : 'f32',
      'target',
    );
    backend.write(target, options.target);
  }
  const metrics = loss ? backend.alloc(2, 'f32', 'metrics') : null;

  const module = def.build({
    backend,
    id: 'm',
    params,
    batch,
    seed: options.seed ?? 7,
    inputs,
    outputShape: info.shape,
    output,
    gradOutput,
    target,
    metrics,
    alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
  });

  const state: StepState = { training: true, step: 3, validRows: options.validRows ?? batch };

  const objective = (): number => {
    if (metrics) {
      backend.fill(metrics, 0);
      module.forward(state);
      return data(metrics)[0] / state.validRows;
    }
    module.forward(state);
    const out = data(output);
    let s = 0;
    for (let j = 0; j < outSize; j++) s += out[j] * r[j];
    return s;
  };

  objective();
  module.backward(state);

  const tensors: { name: string; value: Float32Array; grad: Float32Array }[] = [];
  inputs.forEach((inp, i) => {
    if (inp.grad)
      tensors.push({ name: `input${i}`, value: data(inp.value), grad: data(inp.grad).slice() });
  });
  for (const p of module.params) {
    tensors.push({ name: p.name, value: data(p.value), grad: data(p.grad).slice() });
  }

  const mismatches: GradCheckMismatch[] = [];
  let checked = 0;
  let maxError = 0;
  for (const t of tensors) {
    const n = t.value.length;
    const indices =
      n <= maxChecks ? [...Array(n).keys()] : Array.from({ length: maxChecks }, () => rng.int(n));
    for (const idx of indices) {
      const orig = t.value[idx];
      t.value[idx] = orig + eps;
      const plus = objective();
      t.value[idx] = orig - eps;
      const minus = objective();
      t.value[idx] = orig;
      const numeric = (plus - minus) / (2 * eps);
      const analytic = t.grad[idx];
      const err = Math.abs(analytic - numeric);
      const bound = atol + rtol * Math.max(Math.abs(analytic), Math.abs(numeric));
      maxError = Math.max(maxError, err);
      checked++;
      if (!(err <= bound)) mismatches.push({ tensor: t.name, index: idx, analytic, numeric });
    }
  }
  return { checked, mismatches, maxError };
}
