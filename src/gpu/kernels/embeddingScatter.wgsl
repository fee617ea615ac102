// The lookup's backward as a deterministic scatter-add, one invocation per (distinct row u, dimension d):
//   dst[unique[u], d] += scale · Σ_{q = starts[u]}^{starts[u+1]−1} w[order[q]] · src[⌊order[q] / bagSize⌋, d]
// Each element of dst has exactly one writer and adds its terms in the host's order, so the
// result is the same on every run, with no float atomics. V is f32, or vec4<f32> in the
// vectorized variant (then `dim` counts vec4s).
alias V = f32;
struct Params { uniqueCount: u32, bagSize: u32, dim: u32, hasWeights: u32, scale: f32 }
@group(0) @binding(0) var<storage, read_write> dst: array<V>;
@group(0) @binding(1) var<storage, read> src: array<V>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read> order: array<i32>;
@group(0) @binding(4) var<storage, read> unique: array<i32>;
@group(0) @binding(5) var<storage, read> starts: array<i32>;
@group(0) @binding(6) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.uniqueCount * params.dim) { return; }
  let u = i / params.dim;
  let d = i - u * params.dim;
  var sum = V();
  for (var q = u32(starts[u]); q < u32(starts[u + 1u]); q++) {
    let pos = u32(order[q]);
    var w = 1.0;
    if (params.hasWeights != 0u) { w = weights[pos]; }
    sum += w * src[(pos / params.bagSize) * params.dim + d];
  }
  let at = u32(unique[u]) * params.dim + d;
  dst[at] = dst[at] + params.scale * sum;
}
