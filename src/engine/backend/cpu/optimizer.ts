// Optimizer updates and global gradient clipping on the CPU, following PyTorch's conventions
// so that runs can be compared with it step for step.
//   g = grad·scale + l2·w + l1·sign(w)
//   sgd:     v = μv + g;               w −= lr·(nesterov ? g + μv : v)
//   adam:    m = β1m + (1−β1)g;  v = β2v + (1−β2)g²;  w −= lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε)
//   rmsprop: s = ρs + (1−ρ)g²;         w −= lr·g / (√s + ε)
//   adagrad: s = s + g²;               w −= lr·g / (√s + ε)
import type { ClipParams, OptimizerUpdateParams } from '../backend';
import { f32 } from './cpuBuffer';

/** One fused pass over a parameter buffer; the kind is chosen once, outside the loop. */
export function optimizerUpdate(p: OptimizerUpdateParams): void {
  const w = f32(p.param);
  const grad = f32(p.grad);
  const { lr, l1, l2, gradScale } = p.hyper;
  const scale = gradScale === null ? 1 : f32(gradScale)[0];
  switch (p.kind) {
    case 'sgd':
      if (p.momentum === 0 || p.state1 === null) {
        // Without momentum the velocity is the gradient itself, and Nesterov adds nothing.
        for (let i = 0; i < p.n; i++) {
          const wi = w[i];
          w[i] = wi - lr * (grad[i] * scale + l2 * wi + l1 * Math.sign(wi));
        }
      } else {
        sgdMomentum(w, grad, f32(p.state1), p.n, scale, lr, l1, l2, p.momentum, p.nesterov);
      }
      return;
    case 'adam':
      adam(w, grad, state(p.state1, 'adam'), state(p.state2, 'adam'), p, scale);
      return;
    case 'rmsprop':
      rmsprop(w, grad, state(p.state1, 'rmsprop'), p.n, scale, lr, l1, l2, p.rho, p.eps);
      return;
    case 'adagrad':
      adagrad(w, grad, state(p.state1, 'adagrad'), p.n, scale, lr, l1, l2, p.eps);
      return;
  }
}

function state(buf: OptimizerUpdateParams['state1'], kind: string): Float32Array {
  if (buf === null) throw new Error(`CPU optimizerUpdate: ${kind} needs its state buffers`);
  return f32(buf);
}

function sgdMomentum(
  w: Float32Array,
  grad: Float32Array,
  velocity: Float32Array,
  n: number,
  scale: number,
  lr: number,
  l1: number,
  l2: number,
  momentum: number,
  nesterov: boolean,
): void {
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    const g = grad[i] * scale + l2 * wi + l1 * Math.sign(wi);
    const v = momentum * velocity[i] + g;
    velocity[i] = v;
    w[i] = wi - lr * (nesterov ? g + momentum * v : v);
  }
}

function adam(
  w: Float32Array,
  grad: Float32Array,
  m: Float32Array,
  v: Float32Array,
  p: OptimizerUpdateParams,
  scale: number,
): void {
  const { lr, l1, l2, step } = p.hyper;
  const { beta1, beta2, eps, n } = p;
  // Bias corrections fold into two per-step constants, as PyTorch does:
  // lr·(m/c1)/(√(v/c2) + ε) = (lr/c1)·m/(√v/√c2 + ε).
  const stepSize = lr / (1 - Math.pow(beta1, step));
  const sqrtC2 = Math.sqrt(1 - Math.pow(beta2, step));
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    const g = grad[i] * scale + l2 * wi + l1 * Math.sign(wi);
    const mi = beta1 * m[i] + (1 - beta1) * g;
    const vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    w[i] = wi - (stepSize * mi) / (Math.sqrt(vi) / sqrtC2 + eps);
  }
}

function rmsprop(
  w: Float32Array,
  grad: Float32Array,
  squareAvg: Float32Array,
  n: number,
  scale: number,
  lr: number,
  l1: number,
  l2: number,
  rho: number,
  eps: number,
): void {
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    const g = grad[i] * scale + l2 * wi + l1 * Math.sign(wi);
    const s = rho * squareAvg[i] + (1 - rho) * g * g;
    squareAvg[i] = s;
    w[i] = wi - (lr * g) / (Math.sqrt(s) + eps);
  }
}

function adagrad(
  w: Float32Array,
  grad: Float32Array,
  sumSquares: Float32Array,
  n: number,
  scale: number,
  lr: number,
  l1: number,
  l2: number,
  eps: number,
): void {
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    const g = grad[i] * scale + l2 * wi + l1 * Math.sign(wi);
    const s = sumSquares[i] + g * g;
    sumSquares[i] = s;
    w[i] = wi - (lr * g) / (Math.sqrt(s) + eps);
  }
}

/** scale = min(1, maxNorm/‖g‖) over every gradient together; 1 when all gradients are zero. */
export function clipGradients(p: ClipParams): void {
  let sum = 0;
  for (let b = 0; b < p.grads.length; b++) {
    const g = f32(p.grads[b]);
    const n = p.sizes[b];
    for (let i = 0; i < n; i++) sum += g[i] * g[i];
  }
  f32(p.sumSquares)[0] = sum;
  const norm = Math.sqrt(sum);
  f32(p.scale)[0] = norm > p.maxNorm ? p.maxNorm / norm : 1;
}
