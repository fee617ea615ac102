// y = f(x) element-wise. OP: 0 relu, 1 leaky relu, 2 tanh, 3 sigmoid, 4 abs. NaN passes through.
// V is f32, or vec4<f32> for the variant that takes four neighbours per invocation (see vectorized).
alias V = f32;
override OP: u32;
struct Params { n: u32, alpha: f32 }
@group(0) @binding(0) var<storage, read> x: array<V>;
@group(0) @binding(1) var<storage, read_write> y: array<V>;
@group(0) @binding(2) var<uniform> params: Params;

fn activate(v: V) -> V {
  if (OP == 0u) { return select(v, V(0.0), v < V(0.0)); }
  if (OP == 1u) { return select(v, v * params.alpha, v < V(0.0)); }
  // tanh and sigmoid from exp(−|v|), which never overflows, so large inputs give ±1 and 0/1.
  if (OP == 2u) { let e = exp(-2.0 * abs(v)); return sign(v) * (V(1.0) - e) / (V(1.0) + e); }
  if (OP == 3u) {
    let e = exp(-abs(v));
    return select(e / (V(1.0) + e), V(1.0) / (V(1.0) + e), v >= V(0.0));
  }
  return abs(v);
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i < params.n) { y[i] = activate(x[i]); }
}
