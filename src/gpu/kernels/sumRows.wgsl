// dst[j] (+)= Σ_i src[i·cols + j]: the bias gradient of a dense layer, one invocation per column.
struct Params { rows: u32, cols: u32, accumulate: u32 }
@group(0) @binding(0) var<storage, read> src: array<f32>;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let j = flatIndex(wid, nwg, lid);
  if (j >= params.cols) { return; }
  var s = 0.0;
  for (var i = 0u; i < params.rows; i++) { s += src[i * params.cols + j]; }
  if (params.accumulate != 0u) { dst[j] += s; } else { dst[j] = s; }
}
