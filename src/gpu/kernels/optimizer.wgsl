// One fused pass over a parameter buffer, following PyTorch's conventions:
//   g = grad·scale + l2·w + l1·sign(w)
//   sgd:       w −= lr·g                          (KIND 0)
//   momentum:  v = μv + g;  w −= lr·(nesterov ? g + μv : v)   (KIND 1)
//   adam:      m = β1m + (1−β1)g;  v = β2v + (1−β2)g²;  w −= stepSize·m / (√v / √c2 + ε)   (KIND 2)
//   rmsprop:   s = ρs + (1−ρ)g²;  w −= lr·g / (√s + ε)   (KIND 3)
//   adagrad:   s = s + g²;  w −= lr·g / (√s + ε)          (KIND 4)
// with Adam's bias corrections folded into stepSize = lr/(1−β1ᵗ) and √c2 = √(1−β2ᵗ) on the host.
alias V = f32;
override KIND: u32;
struct Params {
  n: u32, lr: f32, l1: f32, l2: f32, hasScale: u32,
  momentum: f32, nesterov: u32, beta1: f32, beta2: f32, rho: f32, eps: f32,
  stepSize: f32, sqrtC2: f32,
}
@group(0) @binding(0) var<storage, read> grad: array<V>;
@group(0) @binding(1) var<storage, read> gradScale: array<f32>;
@group(0) @binding(2) var<storage, read_write> w: array<V>;
@group(0) @binding(3) var<storage, read_write> state1: array<V>;
@group(0) @binding(4) var<storage, read_write> state2: array<V>;
@group(0) @binding(5) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.n) { return; }
  let scale = select(1.0, gradScale[0], params.hasScale != 0u);
  let wi = w[i];
  let g = grad[i] * scale + params.l2 * wi + params.l1 * sign(wi);
  if (KIND == 0u) {
    w[i] = wi - params.lr * g;
  } else if (KIND == 1u) {
    let v = params.momentum * state1[i] + g;
    state1[i] = v;
    w[i] = wi - params.lr * select(v, g + params.momentum * v, params.nesterov != 0u);
  } else if (KIND == 2u) {
    let m = params.beta1 * state1[i] + (1.0 - params.beta1) * g;
    let v = params.beta2 * state2[i] + (1.0 - params.beta2) * g * g;
    state1[i] = m;
    state2[i] = v;
    w[i] = wi - (params.stepSize * m) / (sqrt(v) / params.sqrtC2 + V(params.eps));
  } else if (KIND == 3u) {
    let s = params.rho * state1[i] + (1.0 - params.rho) * g * g;
    state1[i] = s;
    w[i] = wi - (params.lr * g) / (sqrt(s) + V(params.eps));
  } else {
    let s = state1[i] + g * g;
    state1[i] = s;
    w[i] = wi - (params.lr * g) / (sqrt(s) + V(params.eps));
  }
}
