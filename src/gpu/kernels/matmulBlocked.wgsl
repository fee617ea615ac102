// C[m×n] = op(A)·op(B) (+ C) (+ bias), then activation; register-blocked: each invocation
// computes a 4×4 block of C in four vec4 accumulators, loading 16 values of op(A) and 16 of
// op(B) per 64 multiply-adds, with no workgroup memory and no barriers. This is the fast
// shape where "GPU" threads are CPU SIMD lanes (SwiftShader), and a fair one elsewhere.
//
// Edges cost nothing inside the loop: rows and columns past the matrix are clamped to its last
// row or column (their loads are real, their results are dropped at the store), and a tail of
// k that is not a multiple of 4 runs in a second, short loop.
override TRANS_A: bool;
override TRANS_B: bool;
struct Params { m: u32, n: u32, k: u32, accumulate: u32, hasBias: u32, relu: u32 }
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

// op(A)(i, p) sits at a[i·aRow + p·aDepth]; op(B)(p, j) at b[p·bDepth + j·bCol].
fn aRow() -> u32 { return select(params.k, 1u, TRANS_A); }
fn aDepth() -> u32 { return select(1u, params.m, TRANS_A); }
fn bCol() -> u32 { return select(1u, params.k, TRANS_B); }
fn bDepth() -> u32 { return select(params.n, 1u, TRANS_B); }

fn store(row: u32, col: u32, v: f32) {
  if (row >= params.m || col >= params.n) { return; }
  let o = row * params.n + col;
  var r = v;
  if (params.accumulate != 0u) { r += c[o]; }
  if (params.hasBias != 0u) { r += bias[col]; }
  if (params.relu != 0u) { r = select(r, 0.0, r < 0.0); }
  c[o] = r;
}

fn storeRow(row: u32, col: u32, v: vec4<f32>) {
  store(row, col, v.x);
  store(row, col + 1u, v.y);
  store(row, col + 2u, v.z);
  store(row, col + 3u, v.w);
}

@compute @workgroup_size(8, 8)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let row = ((wid.z * nwg.y + wid.y) * 8u + lid.y) * 4u;
  let col = (wid.x * 8u + lid.x) * 4u;
  if (row >= params.m || col >= params.n) { return; }
  let lastRow = params.m - 1u;
  let lastCol = params.n - 1u;
  let ar = aRow();
  let ad = aDepth();
  let bc = bCol();
  let bd = bDepth();
  var a0 = min(row, lastRow) * ar;
  var a1 = min(row + 1u, lastRow) * ar;
  var a2 = min(row + 2u, lastRow) * ar;
  var a3 = min(row + 3u, lastRow) * ar;
  var b0 = min(col, lastCol) * bc;
  var b1 = min(col + 1u, lastCol) * bc;
  var b2 = min(col + 2u, lastCol) * bc;
  var b3 = min(col + 3u, lastCol) * bc;
  var c0 = vec4<f32>();
  var c1 = vec4<f32>();
  var c2 = vec4<f32>();
  var c3 = vec4<f32>();
  let k4 = params.k & ~3u;
  let ad2 = 2u * ad;
  let ad3 = 3u * ad;
  let bd2 = 2u * bd;
  let bd3 = 3u * bd;
  for (var p = 0u; p < k4; p += 4u) {
    let x0 = vec4<f32>(a[a0], a[a0 + ad], a[a0 + ad2], a[a0 + ad3]);
    let x1 = vec4<f32>(a[a1], a[a1 + ad], a[a1 + ad2], a[a1 + ad3]);
    let x2 = vec4<f32>(a[a2], a[a2 + ad], a[a2 + ad2], a[a2 + ad3]);
    let x3 = vec4<f32>(a[a3], a[a3 + ad], a[a3 + ad2], a[a3 + ad3]);
    let y0 = vec4<f32>(b[b0], b[b1], b[b2], b[b3]);
    let y1 = vec4<f32>(b[b0 + bd], b[b1 + bd], b[b2 + bd], b[b3 + bd]);
    let y2 = vec4<f32>(b[b0 + bd2], b[b1 + bd2], b[b2 + bd2], b[b3 + bd2]);
    let y3 = vec4<f32>(b[b0 + bd3], b[b1 + bd3], b[b2 + bd3], b[b3 + bd3]);
    c0 += x0.x * y0 + x0.y * y1 + x0.z * y2 + x0.w * y3;
    c1 += x1.x * y0 + x1.y * y1 + x1.z * y2 + x1.w * y3;
    c2 += x2.x * y0 + x2.y * y1 + x2.z * y2 + x2.w * y3;
    c3 += x3.x * y0 + x3.y * y1 + x3.z * y2 + x3.w * y3;
    let da = 4u * ad;
    let db = 4u * bd;
    a0 += da;
    a1 += da;
    a2 += da;
    a3 += da;
    b0 += db;
    b1 += db;
    b2 += db;
    b3 += db;
  }
  for (var p = k4; p < params.k; p++) {
    let y = vec4<f32>(b[b0], b[b1], b[b2], b[b3]);
    c0 += a[a0] * y;
    c1 += a[a1] * y;
    c2 += a[a2] * y;
    c3 += a[a3] * y;
    a0 += ad;
    a1 += ad;
    a2 += ad;
    a3 += ad;
    b0 += bd;
    b1 += bd;
    b2 += bd;
    b3 += bd;
  }
  storeRow(row, col, c0);
  storeRow(row + 1u, col, c1);
  storeRow(row + 2u, col, c2);
  storeRow(row + 3u, col, c3);
}
