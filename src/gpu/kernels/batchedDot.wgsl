// Batched row-by-row dot products, one invocation per score:
//   s[b, j] = Σ_d h[b, d] · u[b·J + j, d]
struct Params { rows: u32, perRow: u32, dim: u32 }
@group(0) @binding(0) var<storage, read> h: array<f32>;
@group(0) @binding(1) var<storage, read> u: array<f32>;
@group(0) @binding(2) var<storage, read_write> s: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let r = flatIndex(wid, nwg, lid);
  if (r >= params.rows * params.perRow) { return; }
  let b = r / params.perRow;
  var acc = 0.0;
  for (var d = 0u; d < params.dim; d++) { acc += h[b * params.dim + d] * u[r * params.dim + d]; }
  s[r] = acc;
}
