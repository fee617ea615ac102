// C[m×n] = op(A)·op(B) (+ C) (+ bias), then activation, one invocation per element of C with the
// transposes as run-time strides: for small products (a classifier's last layer) where the
// blocked kernels' tiles would mostly idle. One pipeline serves every transpose, which keeps
// the compile before the first step short.
struct Params {
  m: u32, n: u32, k: u32, accumulate: u32, hasBias: u32, relu: u32,
  aRow: u32, aDepth: u32, bDepth: u32, bCol: u32,
}
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let e = flatIndex(wid, nwg, lid);
  if (e >= params.m * params.n) { return; }
  let row = e / params.n;
  let col = e - row * params.n;
  var ai = row * params.aRow;
  var bi = col * params.bCol;
  var s = 0.0;
  for (var p = 0u; p < params.k; p++) {
    s += a[ai] * b[bi];
    ai += params.aDepth;
    bi += params.bDepth;
  }
  if (params.accumulate != 0u) { s += c[e]; }
  if (params.hasBias != 0u) { s += bias[col]; }
  if (params.relu != 0u) { s = select(s, 0.0, s < 0.0); }
  c[e] = s;
}
