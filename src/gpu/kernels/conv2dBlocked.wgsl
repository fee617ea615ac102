// y[b, o, oh, ow] = bias[o] + Σ_{c, kh, kw} w[o, c, kh, kw] · x[b, c, oh·s − p + kh, ow·s − p + kw]
// as an implicit GEMM: rows are the batch's output pixels, columns the output channels, depth
// the (c, kh, kw) window. Each invocation computes 4 consecutive pixels × 4 channels in
// registers; the im2col matrix is never built. PADDED adds the in-image tests that zero
// padding needs; without padding every window lies inside its image.
override PADDED: bool;
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

fn loadX(base: i32, ih: i32, iw: i32) -> f32 {
  if (!PADDED) { return x[u32(base + ih * i32(params.inW) + iw)]; }
  let inside = ih >= 0 && iw >= 0 && ih < i32(params.inH) && iw < i32(params.inW);
  return select(0.0, x[u32(max(base + ih * i32(params.inW) + iw, 0))], inside);
}

fn store(pixel: u32, o: u32, v: f32) {
  let plane = params.outH * params.outW;
  if (pixel >= params.batch * plane || o >= params.outC) { return; }
  let b = pixel / plane;
  let at = (b * params.outC + o) * plane + (pixel - b * plane);
  var r = v;
  if (params.optional != 0u) { r += bias[o]; }
  y[at] = r;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let plane = params.outH * params.outW;
  let pixels = params.batch * plane;
  let pixel0 = ((wid.z * nwg.y + wid.y) * 8u + lid.y) * 4u;
  let o0 = (wid.x * 8u + lid.x) * 4u;
  if (pixel0 >= pixels || o0 >= params.outC) { return; }
  let depth = params.inC * params.kH * params.kW;
  let inPlane = i32(params.inH * params.inW);

  // Per pixel: the image's base offset and the window's top-left corner (may be negative).
  var base: array<i32, 4>;
  var top: array<i32, 4>;
  var left: array<i32, 4>;
  for (var i = 0u; i < 4u; i++) {
    let p = min(pixel0 + i, pixels - 1u);
    let b = p / plane;
    let r = p - b * plane;
    let oh = r / params.outW;
    base[i] = i32(b * params.inC) * inPlane;
    top[i] = i32(oh * params.stride) - i32(params.pad);
    left[i] = i32((r - oh * params.outW) * params.stride) - i32(params.pad);
  }
  let base0 = base[0]; let base1 = base[1]; let base2 = base[2]; let base3 = base[3];
  let top0 = top[0]; let top1 = top[1]; let top2 = top[2]; let top3 = top[3];
  let left0 = left[0]; let left1 = left[1]; let left2 = left[2]; let left3 = left[3];
  let lastO = params.outC - 1u;
  let w0 = min(o0, lastO) * depth;
  let w1 = min(o0 + 1u, lastO) * depth;
  let w2 = min(o0 + 2u, lastO) * depth;
  let w3 = min(o0 + 3u, lastO) * depth;

  // acc_j holds channel j for the 4 pixels.
  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  var q = 0u;
  for (var c = 0u; c < params.inC; c++) {
    let cOff = i32(c) * inPlane;
    for (var kh = 0u; kh < params.kH; kh++) {
      let h = i32(kh);
      for (var kw = 0u; kw < params.kW; kw++) {
        let k = i32(kw);
        let v = vec4<f32>(
          loadX(base0 + cOff, top0 + h, left0 + k),
          loadX(base1 + cOff, top1 + h, left1 + k),
          loadX(base2 + cOff, top2 + h, left2 + k),
          loadX(base3 + cOff, top3 + h, left3 + k),
        );
        acc0 += v * w[w0 + q];
        acc1 += v * w[w1 + q];
        acc2 += v * w[w2 + q];
        acc3 += v * w[w3 + q];
        q++;
      }
    }
  }
  let accs = array<vec4<f32>, 4>(acc0, acc1, acc2, acc3);
  for (var j = 0u; j < 4u; j++) {
    let a = accs[j];
    store(pixel0, o0 + j, a.x);
    store(pixel0 + 1u, o0 + j, a.y);
    store(pixel0 + 2u, o0 + j, a.z);
    store(pixel0 + 3u, o0 + j, a.w);
  }
}
