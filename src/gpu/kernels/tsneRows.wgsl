// Exact t-SNE, pass 1 of 3: for point i, over every j ≠ i, with num = (1 + ‖y_i − y_j‖²)⁻¹,
//   rows[i] = (Σ α·p_ij·num·(y_i − y_j), Σ num²·(y_i − y_j), Σ num, Σ p_ij·log(1 + d²)).
// One invocation per point, n² work in n threads, which suits a few thousand points (the exact
// method's range) and needs no workgroup memory. P is symmetric, so invocation i reads column i
// (p[j·n + i]): at each j neighbouring invocations read neighbouring words, one coalesced load
// for a warp (and one vector load for SwiftShader's SIMD lanes) instead of n scattered ones.
struct Params { n: u32, exaggeration: f32, measure: u32 }
@group(0) @binding(0) var<storage, read> y: array<vec2<f32>>;
@group(0) @binding(1) var<storage, read> p: array<f32>;
@group(0) @binding(2) var<storage, read_write> rows: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  let n = params.n;
  if (i >= n) { return; }
  let yi = y[i];
  var attraction = vec2<f32>(0.0);
  var repulsion = vec2<f32>(0.0);
  var z = 0.0;
  var plog = 0.0;
  for (var j = 0u; j < n; j++) {
    if (j == i) { continue; }
    let d = yi - y[j];
    let d2 = dot(d, d);
    let num = 1.0 / (1.0 + d2);
    let pij = p[j * n + i];
    z += num;
    attraction += (params.exaggeration * pij * num) * d;
    repulsion += (num * num) * d;
    if (params.measure != 0u) { plog += pij * log(1.0 + d2); }
  }
  let o = 6u * i;
  rows[o] = attraction.x;
  rows[o + 1u] = attraction.y;
  rows[o + 2u] = repulsion.x;
  rows[o + 3u] = repulsion.y;
  rows[o + 4u] = z;
  rows[o + 5u] = plog;
}
