// dx[b, c, ih, iw] (+)= Σ_{o, kh, kw} dy[b, o, oh, ow] · w[o, c, kh, kw]
//   over the outputs whose window covers (ih, iw): oh·s = ih + p − kh, ow·s = iw + p − kw.
// An implicit GEMM over input pixels × input channels, 4 × 4 per invocation. For each window
// offset (kh, kw) a pixel either has its output (and then every o counts) or not, so the
// test is made once per offset and the inner loop over o runs without branches.
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

/** Where dy[b, 0, oh, ow] is for input pixel (ih, iw) and window offset (kh, kw), or −1. */
fn source(b: u32, ih: u32, iw: u32, kh: u32, kw: u32) -> i32 {
  let th = i32(ih + params.pad) - i32(kh);
  let tw = i32(iw + params.pad) - i32(kw);
  let s = i32(params.stride);
  if (th < 0 || tw < 0 || th % s != 0 || tw % s != 0) { return -1; }
  let oh = th / s;
  let ow = tw / s;
  if (oh >= i32(params.outH) || ow >= i32(params.outW)) { return -1; }
  return i32(b * params.outC * params.outH * params.outW) + oh * i32(params.outW) + ow;
}

fn store(pixel: u32, c: u32, v: f32) {
  let plane = params.inH * params.inW;
  if (pixel >= params.batch * plane || c >= params.inC) { return; }
  let b = pixel / plane;
  let at = (b * params.inC + c) * plane + (pixel - b * plane);
  if (params.accumulate != 0u) { dx[at] += v; } else { dx[at] = v; }
}

@compute @workgroup_size(8, 8)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let plane = params.inH * params.inW;
  let pixels = params.batch * plane;
  let pixel0 = ((wid.z * nwg.y + wid.y) * 8u + lid.y) * 4u;
  let c0 = (wid.x * 8u + lid.x) * 4u;
  if (pixel0 >= pixels || c0 >= params.inC) { return; }
  let outPlane = params.outH * params.outW;
  let window = params.kH * params.kW;
  let filterSize = params.inC * window;
  let lastC = params.inC - 1u;
  let ch0 = min(c0, lastC) * window;
  let ch1 = min(c0 + 1u, lastC) * window;
  let ch2 = min(c0 + 2u, lastC) * window;
  let ch3 = min(c0 + 3u, lastC) * window;
  var b: array<u32, 4>;
  var ih: array<u32, 4>;
  var iw: array<u32, 4>;
  for (var i = 0u; i < 4u; i++) {
    let p = min(pixel0 + i, pixels - 1u);
    b[i] = p / plane;
    let r = p - b[i] * plane;
    ih[i] = r / params.inW;
    iw[i] = r - ih[i] * params.inW;
  }
  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  for (var kh = 0u; kh < params.kH; kh++) {
    for (var kw = 0u; kw < params.kW; kw++) {
      let s0 = source(b[0], ih[0], iw[0], kh, kw);
      let s1 = source(b[1], ih[1], iw[1], kh, kw);
      let s2 = source(b[2], ih[2], iw[2], kh, kw);
      let s3 = source(b[3], ih[3], iw[3], kh, kw);
      let mask = vec4<f32>(vec4<bool>(s0 >= 0, s1 >= 0, s2 >= 0, s3 >= 0));
      var d0 = u32(max(s0, 0));
      var d1 = u32(max(s1, 0));
      var d2 = u32(max(s2, 0));
      var d3 = u32(max(s3, 0));
      let tap = kh * params.kW + kw;
      var wq = tap;
      for (var o = 0u; o < params.outC; o++) {
        let g = vec4<f32>(dy[d0], dy[d1], dy[d2], dy[d3]) * mask;
        acc0 += g * w[wq + ch0];
        acc1 += g * w[wq + ch1];
        acc2 += g * w[wq + ch2];
        acc3 += g * w[wq + ch3];
        d0 += outPlane;
        d1 += outPlane;
        d2 += outPlane;
        d3 += outPlane;
        wq += filterSize;
      }
    }
  }
  let accs = array<vec4<f32>, 4>(acc0, acc1, acc2, acc3);
  for (var j = 0u; j < 4u; j++) {
    let a = accs[j];
    store(pixel0, c0 + j, a.x);
    store(pixel0 + 1u, c0 + j, a.y);
    store(pixel0 + 2u, c0 + j, a.z);
    store(pixel0 + 3u, c0 + j, a.w);
  }
}
