// C[m×n] = op(A)·op(B) (+ C) (+ bias), then activation; register-blocked for GPUs whose
// "threads" are CPU SIMD lanes (SwiftShader) and fair elsewhere: each invocation computes a
// 4×4 block of C with no workgroup memory and no barriers. Per step of 4 along k it loads a
// 4×4 block of each operand as four runs of 4 neighbours along that operand's contiguous
// axis (rows of A or of Aᵀ, rows of B or of Bᵀ), turns them the right way with transpose(),
// and does 64 multiply-adds. Reading along the contiguous axis matters: four neighbours share
// a cache line, four values a row apart do not.
//
// Edges cost nothing inside the loop: rows and columns past the matrix are clamped to its last
// row or column (their loads are real, their results are dropped at the store), and a tail of
// k that is not a multiple of 4 runs one step at a time after the main loop.
override TRANS_A: bool;
override TRANS_B: bool;
// tileW: column blocks per workgroup tile (8, or fewer for narrow C so no lane idles); tilesX:
// tiles across C.
struct Params { m: u32, n: u32, k: u32, accumulate: u32, hasBias: u32, relu: u32, tileW: u32, tilesX: u32 }
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

fn a4(i: u32) -> vec4<f32> { return vec4<f32>(a[i], a[i + 1u], a[i + 2u], a[i + 3u]); }
fn b4(i: u32) -> vec4<f32> { return vec4<f32>(b[i], b[i + 1u], b[i + 2u], b[i + 3u]); }

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

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  // A workgroup computes a tile of tileW × (64 / tileW) blocks, columns fastest, so that
  // neighbouring lanes share rows of A and a tile's operands stay in cache.
  let tile = wid.y * nwg.x + wid.x;
  let ty = tile / params.tilesX;
  let tx = tile - ty * params.tilesX;
  let ly = lid.x / params.tileW;
  let lx = lid.x - ly * params.tileW;
  let row = (ty * (64u / params.tileW) + ly) * 4u;
  let col = (tx * params.tileW + lx) * 4u;
  if (row >= params.m || col >= params.n) { return; }
  let m = params.m;
  let n = params.n;
  let k = params.k;
  // Clamped row and column indices: loads past an edge repeat the last row or column.
  let r0 = min(row, m - 1u);
  let r1 = min(row + 1u, m - 1u);
  let r2 = min(row + 2u, m - 1u);
  let r3 = min(row + 3u, m - 1u);
  let c0 = min(col, n - 1u);
  let c1 = min(col + 1u, n - 1u);
  let c2 = min(col + 2u, n - 1u);
  let c3 = min(col + 3u, n - 1u);
  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  let k4 = k & ~3u;
  for (var p = 0u; p < k4; p += 4u) {
    // ma[r] = row r of op(A) over k = p..p+3; mb[q] = row p+q of op(B) over the 4 columns.
    var ma: mat4x4<f32>;
    if (TRANS_A) {
      // A is k×m: each k gives the four rows side by side.
      ma = transpose(mat4x4<f32>(
        vec4<f32>(a[p * m + r0], a[p * m + r1], a[p * m + r2], a[p * m + r3]),
        vec4<f32>(a[(p + 1u) * m + r0], a[(p + 1u) * m + r1], a[(p + 1u) * m + r2], a[(p + 1u) * m + r3]),
        vec4<f32>(a[(p + 2u) * m + r0], a[(p + 2u) * m + r1], a[(p + 2u) * m + r2], a[(p + 2u) * m + r3]),
        vec4<f32>(a[(p + 3u) * m + r0], a[(p + 3u) * m + r1], a[(p + 3u) * m + r2], a[(p + 3u) * m + r3]),
      ));
    } else {
      ma = mat4x4<f32>(a4(r0 * k + p), a4(r1 * k + p), a4(r2 * k + p), a4(r3 * k + p));
    }
    var mb: mat4x4<f32>;
    if (TRANS_B) {
      // B is n×k: each column gives four k side by side.
      mb = transpose(mat4x4<f32>(b4(c0 * k + p), b4(c1 * k + p), b4(c2 * k + p), b4(c3 * k + p)));
    } else {
      mb = mat4x4<f32>(
        vec4<f32>(b[p * n + c0], b[p * n + c1], b[p * n + c2], b[p * n + c3]),
        vec4<f32>(b[(p + 1u) * n + c0], b[(p + 1u) * n + c1], b[(p + 1u) * n + c2], b[(p + 1u) * n + c3]),
        vec4<f32>(b[(p + 2u) * n + c0], b[(p + 2u) * n + c1], b[(p + 2u) * n + c2], b[(p + 2u) * n + c3]),
        vec4<f32>(b[(p + 3u) * n + c0], b[(p + 3u) * n + c1], b[(p + 3u) * n + c2], b[(p + 3u) * n + c3]),
      );
    }
    acc0 += mb * ma[0];
    acc1 += mb * ma[1];
    acc2 += mb * ma[2];
    acc3 += mb * ma[3];
  }
  for (var p = k4; p < k; p++) {
    var x: vec4<f32>;
    var y: vec4<f32>;
    if (TRANS_A) {
      x = vec4<f32>(a[p * m + r0], a[p * m + r1], a[p * m + r2], a[p * m + r3]);
    } else {
      x = vec4<f32>(a[r0 * k + p], a[r1 * k + p], a[r2 * k + p], a[r3 * k + p]);
    }
    if (TRANS_B) {
      y = vec4<f32>(b[c0 * k + p], b[c1 * k + p], b[c2 * k + p], b[c3 * k + p]);
    } else {
      y = vec4<f32>(b[p * n + c0], b[p * n + c1], b[p * n + c2], b[p * n + c3]);
    }
    acc0 += x.x * y;
    acc1 += x.y * y;
    acc2 += x.z * y;
    acc3 += x.w * y;
  }
  storeRow(row, col, acc0);
  storeRow(row + 1u, col, acc1);
  storeRow(row + 2u, col, acc2);
  storeRow(row + 3u, col, acc3);
}
