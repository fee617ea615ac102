// C[m×n] = op(A)·op(B) (+ C) (+ bias), then activation; the classic shared-memory tiling:
// a workgroup of 16×16 invocations stages 64×16 of op(A) and 16×64 of op(B) in workgroup
// memory per step along k, and each invocation computes a 4×4 block of the 64×64 tile.
// On real GPUs this usually beats the register-blocked kernel; on SwiftShader barriers are
// expensive and it loses by ten times. The tuner measures both.
override TRANS_A: bool;
override TRANS_B: bool;
const TILE: u32 = 64u;
const DEPTH: u32 = 16u;
struct Params { m: u32, n: u32, k: u32, accumulate: u32, hasBias: u32, relu: u32, unused0: u32, unused1: u32 }
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

// [depth][row] and [depth][col], so the inner loop reads four neighbours at once.
var<workgroup> tileA: array<f32, 1024>;
var<workgroup> tileB: array<f32, 1024>;

fn loadA(i: u32, p: u32) -> f32 {
  if (i >= params.m || p >= params.k) { return 0.0; }
  if (TRANS_A) { return a[p * params.m + i]; }
  return a[i * params.k + p];
}

fn loadB(p: u32, j: u32) -> f32 {
  if (p >= params.k || j >= params.n) { return 0.0; }
  if (TRANS_B) { return b[j * params.k + p]; }
  return b[p * params.n + j];
}

fn store(row: u32, col: u32, v: f32) {
  if (row >= params.m || col >= params.n) { return; }
  let o = row * params.n + col;
  var r = v;
  if (params.accumulate != 0u) { r += c[o]; }
  if (params.hasBias != 0u) { r += bias[col]; }
  if (params.relu != 0u) { r = select(r, 0.0, r < 0.0); }
  c[o] = r;
}

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let rowBase = (wid.z * nwg.y + wid.y) * TILE;
  let colBase = wid.x * TILE;
  let t = lid.y * 16u + lid.x;
  var acc: array<vec4<f32>, 4>;
  for (var p0 = 0u; p0 < params.k; p0 += DEPTH) {
    // 256 invocations stage 1024 values of each tile, 4 apiece.
    for (var q = 0u; q < 4u; q++) {
      let e = t + q * 256u;
      let depth = e / TILE;
      let along = e % TILE;
      tileA[depth * TILE + along] = loadA(rowBase + along, p0 + depth);
      tileB[depth * TILE + along] = loadB(p0 + depth, colBase + along);
    }
    workgroupBarrier();
    for (var d = 0u; d < DEPTH; d++) {
      let ar = d * TILE + lid.y * 4u;
      let bc = d * TILE + lid.x * 4u;
      let x = vec4<f32>(tileA[ar], tileA[ar + 1u], tileA[ar + 2u], tileA[ar + 3u]);
      let y = vec4<f32>(tileB[bc], tileB[bc + 1u], tileB[bc + 2u], tileB[bc + 3u]);
      acc[0] += x.x * y;
      acc[1] += x.y * y;
      acc[2] += x.z * y;
      acc[3] += x.w * y;
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < 4u; r++) {
    let row = rowBase + lid.y * 4u + r;
    let col = colBase + lid.x * 4u;
    let v = acc[r];
    store(row, col, v.x);
    store(row, col + 1u, v.y);
    store(row, col + 2u, v.z);
    store(row, col + 3u, v.w);
  }
}
