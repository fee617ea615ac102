// dx (+)= J(y)ᵀ dy, reading only y:  softmax dx = y ⊙ (dy − Σ dy·y);  log-softmax dx = dy − e^y Σ dy.
override LOG: bool;
struct Params { rows: u32, cols: u32, accumulate: u32 }
@group(0) @binding(0) var<storage, read> y: array<f32>;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let r = flatIndex(wid, nwg, lid);
  if (r >= params.rows) { return; }
  let base = r * params.cols;
  var dot = 0.0;
  for (var j = 0u; j < params.cols; j++) {
    if (LOG) { dot += dy[base + j]; } else { dot += dy[base + j] * y[base + j]; }
  }
  for (var j = 0u; j < params.cols; j++) {
    let i = base + j;
    var g: f32;
    if (LOG) { g = dy[i] - exp(y[i]) * dot; } else { g = y[i] * (dy[i] - dot); }
    if (params.accumulate != 0u) { dx[i] += g; } else { dx[i] = g; }
  }
}
