// Embedding lookup summed over bags, one invocation per output element (bag b, dimension d):
//   out[b, d] = Σ_{j < bagSize} w[b·bagSize + j] · table[indices[b·bagSize + j], d]   (w ≡ 1 without weights)
// V is f32, or vec4<f32> in the vectorized variant (then `dim` counts vec4s: four dimensions per
// invocation). PLAIN: one index per bag and no weights (skip-gram's lookups), without the bag
// loop and its branch, which on SwiftShader cost several times the gather itself.
alias V = f32;
override PLAIN: bool;
struct Params { bags: u32, bagSize: u32, dim: u32, hasWeights: u32 }
@group(0) @binding(0) var<storage, read> table: array<V>;
@group(0) @binding(1) var<storage, read> indices: array<i32>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<V>;
@group(0) @binding(4) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.bags * params.dim) { return; }
  let b = i / params.dim;
  let d = i - b * params.dim;
  if (PLAIN) {
    out[i] = table[u32(indices[b]) * params.dim + d];
    return;
  }
  var acc = V();
  for (var j = 0u; j < params.bagSize; j++) {
    let pos = b * params.bagSize + j;
    var w = 1.0;
    if (params.hasWeights != 0u) { w = weights[pos]; }
    if (w != 0.0) { acc += w * table[u32(indices[pos]) * params.dim + d]; }
  }
  out[i] = acc;
}
