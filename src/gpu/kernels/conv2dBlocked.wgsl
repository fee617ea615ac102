// y[b, o, oh, ow] = act(bias[o] + Σ_{c, kh, kw} w[o, c, kh, kw] · x[b, c, oh·s − p + kh, ow·s − p + kw])
// as an implicit GEMM (the im2col matrix is never built). Each invocation computes 4
// neighbouring pixels of one output row × 8 output channels in registers: per window tap it
// loads 4 inputs and 8 weights for 32 multiply-adds. Neighbouring lanes take neighbouring
// pixel quads, so a workgroup's loads stay within a few rows. Bindings, loads and stores are
// in conv2dForwardIo.wgsl.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let channelBlocks = (params.outC + 7u) / 8u;
  let quadsPerRow = (params.outW + 3u) / 4u;
  let t = (wid.y * nwg.x + wid.x) * 64u + lid.x;
  let quad = t / channelBlocks;
  let o0 = (t - quad * channelBlocks) * 8u;
  let row = quad / quadsPerRow;
  if (row >= params.batch * params.outH) { return; }
  let ow0 = (quad - row * quadsPerRow) * 4u;
  let b = row / params.outH;
  let oh = row - b * params.outH;

  let inPlane = i32(params.inH * params.inW);
  let s = i32(params.stride);
  let top = i32(oh) * s - i32(params.pad);
  let lastW = params.outW - 1u;
  let left0 = i32(ow0) * s - i32(params.pad);
  let left1 = i32(min(ow0 + 1u, lastW)) * s - i32(params.pad);
  let left2 = i32(min(ow0 + 2u, lastW)) * s - i32(params.pad);
  let left3 = i32(min(ow0 + 3u, lastW)) * s - i32(params.pad);
  let taps = params.inC * params.kH * params.kW;
  let lastO = params.outC - 1u;
  let w0 = min(o0, lastO) * taps;
  let w1 = min(o0 + 1u, lastO) * taps;
  let w2 = min(o0 + 2u, lastO) * taps;
  let w3 = min(o0 + 3u, lastO) * taps;
  let w4 = min(o0 + 4u, lastO) * taps;
  let w5 = min(o0 + 5u, lastO) * taps;
  let w6 = min(o0 + 6u, lastO) * taps;
  let w7 = min(o0 + 7u, lastO) * taps;

  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  var acc4 = vec4<f32>();
  var acc5 = vec4<f32>();
  var acc6 = vec4<f32>();
  var acc7 = vec4<f32>();
  var q = 0u;
  let imageBase = i32(b * params.inC) * inPlane;
  for (var c = 0u; c < params.inC; c++) {
    for (var kh = 0u; kh < params.kH; kh++) {
      let ih = top + i32(kh);
      let rowBase = imageBase + i32(c) * inPlane + ih * i32(params.inW);
      for (var kw = 0u; kw < params.kW; kw++) {
        let k = i32(kw);
        let v = vec4<f32>(
          loadX(rowBase, ih, left0 + k),
          loadX(rowBase, ih, left1 + k),
          loadX(rowBase, ih, left2 + k),
          loadX(rowBase, ih, left3 + k),
        );
        acc0 += v * w[w0 + q];
        acc1 += v * w[w1 + q];
        acc2 += v * w[w2 + q];
        acc3 += v * w[w3 + q];
        acc4 += v * w[w4 + q];
        acc5 += v * w[w5 + q];
        acc6 += v * w[w6 + q];
        acc7 += v * w[w7 + q];
        q++;
      }
    }
  }
  let at = b * params.outC * params.outH * params.outW + oh * params.outW + ow0;
  storeQuad(o0, at, ow0, acc0);
  storeQuad(o0 + 1u, at, ow0, acc1);
  storeQuad(o0 + 2u, at, ow0, acc2);
  storeQuad(o0 + 3u, at, ow0, acc3);
  storeQuad(o0 + 4u, at, ow0, acc4);
  storeQuad(o0 + 5u, at, ow0, acc5);
  storeQuad(o0 + 6u, at, ow0, acc6);
  storeQuad(o0 + 7u, at, ow0, acc7);
}
