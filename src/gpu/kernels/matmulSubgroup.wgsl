enable subgroups;
// The vec4 blocked GEMM (matmulBlockedVec4.wgsl) with op(A) shared through subgroup shuffles.
// Neighbouring lanes compute neighbouring columns of the same rows, so they all need the same
// values of op(A): instead of every lane loading all of them, lane l of each group of 4 loads
// the value at depth p + l and the group swaps them. A load is a gather in a SIMD-lane GPU such
// as SwiftShader, so this saves 12 of 32 per step of 4 along k. Needs subgroups whose groups of
// 4 consecutive lanes lie in one row of a tile (tileW ≥ 4), so every lane stays active to the
// end (no early return before a shuffle).
override TRANS_A: bool;
override TRANS_B: bool;
struct Params { m: u32, n: u32, k: u32, accumulate: u32, hasBias: u32, relu: u32, tileW: u32, tilesX: u32 }
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> bias: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> c: array<vec4<f32>>;
@group(0) @binding(4) var<uniform> params: Params;

/** op(A)(row, p + l): each lane of a group of 4 reads one depth. */
fn loadA(row: u32, p: u32, l: u32) -> f32 {
  if (TRANS_A) { return a[(p + l) * params.m + row]; }
  return a[row * params.k + p + l];
}

/** Row `row` of op(A) over depths p..p+3, assembled from the group's four loads. */
fn rowOfA(row: u32, p: u32, l: u32, group: u32) -> vec4<f32> {
  let v = loadA(row, p, l);
  return vec4<f32>(
    subgroupShuffle(v, group),
    subgroupShuffle(v, group + 1u),
    subgroupShuffle(v, group + 2u),
    subgroupShuffle(v, group + 3u),
  );
}

fn store(row: u32, col4: u32, v: vec4<f32>) {
  let o = row * (params.n / 4u) + col4;
  var r = v;
  if (params.accumulate != 0u) { r += c[o]; }
  if (params.hasBias != 0u) { r += bias[col4]; }
  if (params.relu != 0u) { r = select(r, vec4<f32>(), r < vec4<f32>()); }
  c[o] = r;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>,
        @builtin(subgroup_invocation_id) lane: u32) {
  let tile = wid.y * nwg.x + wid.x;
  let ty = tile / params.tilesX;
  let tx = tile - ty * params.tilesX;
  let ly = lid.x / params.tileW;
  let lx = lid.x - ly * params.tileW;
  let n4 = params.n / 4u;
  let k4 = params.k / 4u;
  let rowWanted = (ty * (64u / params.tileW) + ly) * 4u;
  let colWanted = tx * params.tileW + lx;
  let inRange = rowWanted < params.m && colWanted < n4;
  // Lanes past the edge compute a real block (clamped) and drop it, so shuffles see every lane.
  let row = min(rowWanted, params.m - 4u);
  let col4 = min(colWanted, n4 - 1u);
  let col = col4 * 4u;
  let l = lane & 3u;
  let group = lane - l;
  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  for (var p4 = 0u; p4 < k4; p4++) {
    let p = p4 * 4u;
    let ma = mat4x4<f32>(
      rowOfA(row, p, l, group),
      rowOfA(row + 1u, p, l, group),
      rowOfA(row + 2u, p, l, group),
      rowOfA(row + 3u, p, l, group),
    );
    var mb: mat4x4<f32>;
    if (TRANS_B) {
      mb = transpose(mat4x4<f32>(
        b[col * k4 + p4], b[(col + 1u) * k4 + p4], b[(col + 2u) * k4 + p4], b[(col + 3u) * k4 + p4],
      ));
    } else {
      mb = mat4x4<f32>(b[p * n4 + col4], b[(p + 1u) * n4 + col4], b[(p + 2u) * n4 + col4], b[(p + 3u) * n4 + col4]);
    }
    acc0 += mb * ma[0];
    acc1 += mb * ma[1];
    acc2 += mb * ma[2];
    acc3 += mb * ma[3];
  }
  if (!inRange) { return; }
  store(row, col4, acc0);
  store(row + 1u, col4, acc1);
  store(row + 2u, col4, acc2);
  store(row + 3u, col4, acc3);
}
