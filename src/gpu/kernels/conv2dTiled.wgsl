// The forward convolution of conv2dBlocked.wgsl with its weights staged in workgroup memory:
// every invocation of a workgroup works on the same 8 output channels, so the workgroup loads
// those channels' weights once per chunk of taps, cooperatively, and each invocation then
// reads them from workgroup memory (a broadcast on real GPUs) instead of from the buffer.
// Usually the faster one on GPUs; on SwiftShader barriers and workgroup memory cost more than
// they save. The tuner measures both.
/** Taps (c, kh, kw) staged per chunk: 8 channels × 256 taps × 4 bytes = 8 KiB. */
const CHUNK: u32 = 256u;
var<workgroup> tile: array<vec4<f32>, 512>;  // [tap][channel pair 0..1] as two vec4s of 4 channels

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  // Grid: x (folded with z) over groups of 64 pixel quads, y over blocks of 8 channels.
  let quadsPerRow = (params.outW + 3u) / 4u;
  let quad = (wid.z * nwg.x + wid.x) * 64u + lid.x;
  let o0 = wid.y * 8u;
  let rows = params.batch * params.outH;
  // Out-of-range invocations still take part in staging (barriers need everyone).
  let inRange = quad < rows * quadsPerRow;
  let row = min(quad / quadsPerRow, rows - 1u);
  let ow0 = (quad - (quad / quadsPerRow) * quadsPerRow) * 4u;
  let b = row / params.outH;
  let oh = row - b * params.outH;

  let inPlane = i32(params.inH * params.inW);
  let s = i32(params.stride);
  let top = i32(oh) * s - i32(params.pad);
  let lastW = params.outW - 1u;
  let left0 = i32(min(ow0, lastW)) * s - i32(params.pad);
  let left1 = i32(min(ow0 + 1u, lastW)) * s - i32(params.pad);
  let left2 = i32(min(ow0 + 2u, lastW)) * s - i32(params.pad);
  let left3 = i32(min(ow0 + 3u, lastW)) * s - i32(params.pad);
  let taps = params.inC * params.kH * params.kW;
  let window = params.kH * params.kW;
  let lastO = params.outC - 1u;
  let imageBase = i32(b * params.inC) * inPlane;

  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  var acc4 = vec4<f32>();
  var acc5 = vec4<f32>();
  var acc6 = vec4<f32>();
  var acc7 = vec4<f32>();
  for (var q0 = 0u; q0 < taps; q0 += CHUNK) {
    // Stage weights [tap][8 channels] of this chunk: 2048 values, 32 per invocation.
    for (var e = lid.x; e < CHUNK * 8u; e += 64u) {
      let tq = e / 8u;
      let j = e - tq * 8u;
      let q = q0 + tq;
      var v = 0.0;
      if (q < taps) { v = w[min(o0 + j, lastO) * taps + q]; }
      tile[e / 4u][e % 4u] = v;
    }
    workgroupBarrier();
    let end = min(CHUNK, taps - q0);
    for (var tq = 0u; tq < end; tq++) {
      let q = q0 + tq;
      let c = q / window;
      let r = q - c * window;
      let kh = r / params.kW;
      let kw = i32(r - kh * params.kW);
      let ih = top + i32(kh);
      let rowBase = imageBase + i32(c) * inPlane + ih * i32(params.inW);
      let v = vec4<f32>(
        loadX(rowBase, ih, left0 + kw),
        loadX(rowBase, ih, left1 + kw),
        loadX(rowBase, ih, left2 + kw),
        loadX(rowBase, ih, left3 + kw),
      );
      let lo = tile[2u * tq];
      let hi = tile[2u * tq + 1u];
      acc0 += v * lo.x;
      acc1 += v * lo.y;
      acc2 += v * lo.z;
      acc3 += v * lo.w;
      acc4 += v * hi.x;
      acc5 += v * hi.y;
      acc6 += v * hi.z;
      acc7 += v * hi.w;
    }
    workgroupBarrier();
  }
  if (!inRange) { return; }
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
