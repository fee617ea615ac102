// Backward of the batched dot product, one invocation per (row b, dimension d):
//   dh[b, d] = Σ_j dS[b, j] · u[b·J + j, d]      du[b·J + j, d] = dS[b, j] · h[b, d]
struct Params { rows: u32, perRow: u32, dim: u32 }
@group(0) @binding(0) var<storage, read> h: array<f32>;
@group(0) @binding(1) var<storage, read> u: array<f32>;
@group(0) @binding(2) var<storage, read> dS: array<f32>;
@group(0) @binding(3) var<storage, read_write> dh: array<f32>;
@group(0) @binding(4) var<storage, read_write> du: array<f32>;
@group(0) @binding(5) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.rows * params.dim) { return; }
  let b = i / params.dim;
  let d = i - b * params.dim;
  let hv = h[i];
  var acc = 0.0;
  for (var j = 0u; j < params.perRow; j++) {
    let r = b * params.perRow + j;
    acc += dS[r] * u[r * params.dim + d];
    du[r * params.dim + d] = dS[r] * hv;
  }
  dh[i] = acc;
}
