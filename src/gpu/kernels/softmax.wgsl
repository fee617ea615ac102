// Row-wise softmax (LOG = false) or log-softmax (LOG = true), one invocation per row, with the
// row maximum subtracted so no exponent is positive.
override LOG: bool;
struct Params { rows: u32, cols: u32 }
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let r = flatIndex(wid, nwg, lid);
  if (r >= params.rows) { return; }
  let base = r * params.cols;
  var m = x[base];
  for (var j = 1u; j < params.cols; j++) { m = max(m, x[base + j]); }
  var sum = 0.0;
  for (var j = 0u; j < params.cols; j++) { sum += exp(x[base + j] - m); }
  if (LOG) {
    let shift = m + log(sum);
    for (var j = 0u; j < params.cols; j++) { y[base + j] = x[base + j] - shift; }
  } else {
    let inv = 1.0 / sum;
    for (var j = 0u; j < params.cols; j++) { y[base + j] = exp(x[base + j] - m) * inv; }
  }
}
