// dx[b, c, ih, iw] (+)= Σ_{o, kh, kw} dy[b, o, oh, ow] · w[o, c, kh, kw]
//   over the outputs whose window covers (ih, iw): oh·s = ih + p − kh, ow·s = iw + p − kw.
// An implicit GEMM like the forward pass: each invocation computes 4 neighbouring pixels of one
// input row × 8 input channels. For a window offset (kh, kw) a pixel either has its output (and
// then every o counts) or not, so the test is made once per offset and the loop over o that
// follows has no branches. STRIDE1 skips the divisibility tests that a stride needs.
override STRIDE1: bool;
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

/** The output column for input column iw at window column kw, or −1 when there is none. */
fn sourceColumn(iw: u32, kw: u32) -> i32 {
  let t = i32(iw + params.pad) - i32(kw);
  if (STRIDE1) { return select(-1, t, t >= 0 && t < i32(params.outW)); }
  let s = i32(params.stride);
  if (t < 0 || t % s != 0 || t / s >= i32(params.outW)) { return -1; }
  return t / s;
}

fn storeQuad(c: u32, at: u32, iw: u32, v: vec4<f32>) {
  if (c >= params.inC) { return; }
  let base = at + c * params.inH * params.inW;
  if (params.accumulate != 0u) {
    dx[base] += v.x;
    if (iw + 1u < params.inW) { dx[base + 1u] += v.y; }
    if (iw + 2u < params.inW) { dx[base + 2u] += v.z; }
    if (iw + 3u < params.inW) { dx[base + 3u] += v.w; }
  } else {
    dx[base] = v.x;
    if (iw + 1u < params.inW) { dx[base + 1u] = v.y; }
    if (iw + 2u < params.inW) { dx[base + 2u] = v.z; }
    if (iw + 3u < params.inW) { dx[base + 3u] = v.w; }
  }
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let channelBlocks = (params.inC + 7u) / 8u;
  let quadsPerRow = (params.inW + 3u) / 4u;
  let t = (wid.y * nwg.x + wid.x) * 64u + lid.x;
  let quad = t / channelBlocks;
  let c0 = (t - quad * channelBlocks) * 8u;
  let row = quad / quadsPerRow;
  if (row >= params.batch * params.inH) { return; }
  let iw0 = (quad - row * quadsPerRow) * 4u;
  let b = row / params.inH;
  let ih = row - b * params.inH;
  let lastW = params.inW - 1u;
  let iw1 = min(iw0 + 1u, lastW);
  let iw2 = min(iw0 + 2u, lastW);
  let iw3 = min(iw0 + 3u, lastW);

  let outPlane = params.outH * params.outW;
  let window = params.kH * params.kW;
  let filterSize = params.inC * window;
  let lastC = params.inC - 1u;
  let ch0 = min(c0, lastC) * window;
  let ch1 = min(c0 + 1u, lastC) * window;
  let ch2 = min(c0 + 2u, lastC) * window;
  let ch3 = min(c0 + 3u, lastC) * window;
  let ch4 = min(c0 + 4u, lastC) * window;
  let ch5 = min(c0 + 5u, lastC) * window;
  let ch6 = min(c0 + 6u, lastC) * window;
  let ch7 = min(c0 + 7u, lastC) * window;
  let imageBase = b * params.outC * outPlane;

  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  var acc4 = vec4<f32>();
  var acc5 = vec4<f32>();
  var acc6 = vec4<f32>();
  var acc7 = vec4<f32>();
  for (var kh = 0u; kh < params.kH; kh++) {
    let th = i32(ih + params.pad) - i32(kh);
    var oh = th;
    if (!STRIDE1) {
      let s = i32(params.stride);
      oh = select(-1, th / s, th >= 0 && th % s == 0);
    }
    if (oh < 0 || oh >= i32(params.outH)) { continue; }
    let rowBase = imageBase + u32(oh) * params.outW;
    for (var kw = 0u; kw < params.kW; kw++) {
      let s0 = sourceColumn(iw0, kw);
      let s1 = sourceColumn(iw1, kw);
      let s2 = sourceColumn(iw2, kw);
      let s3 = sourceColumn(iw3, kw);
      let mask = vec4<f32>(vec4<bool>(s0 >= 0, s1 >= 0, s2 >= 0, s3 >= 0));
      var d0 = rowBase + u32(max(s0, 0));
      var d1 = rowBase + u32(max(s1, 0));
      var d2 = rowBase + u32(max(s2, 0));
      var d3 = rowBase + u32(max(s3, 0));
      var wq = kh * params.kW + kw;
      for (var o = 0u; o < params.outC; o++) {
        let g = vec4<f32>(dy[d0], dy[d1], dy[d2], dy[d3]) * mask;
        acc0 += g * w[wq + ch0];
        acc1 += g * w[wq + ch1];
        acc2 += g * w[wq + ch2];
        acc3 += g * w[wq + ch3];
        acc4 += g * w[wq + ch4];
        acc5 += g * w[wq + ch5];
        acc6 += g * w[wq + ch6];
        acc7 += g * w[wq + ch7];
        d0 += outPlane;
        d1 += outPlane;
        d2 += outPlane;
        d3 += outPlane;
        wq += filterSize;
      }
    }
  }
  let at = b * params.inC * params.inH * params.inW + ih * params.inW + iw0;
  storeQuad(c0, at, iw0, acc0);
  storeQuad(c0 + 1u, at, iw0, acc1);
  storeQuad(c0 + 2u, at, iw0, acc2);
  storeQuad(c0 + 3u, at, iw0, acc3);
  storeQuad(c0 + 4u, at, iw0, acc4);
  storeQuad(c0 + 5u, at, iw0, acc5);
  storeQuad(c0 + 6u, at, iw0, acc6);
  storeQuad(c0 + 7u, at, iw0, acc7);
}
