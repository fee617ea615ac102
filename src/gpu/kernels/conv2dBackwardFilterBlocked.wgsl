// Partial filter gradients, split over chunks of the batch (split-K: the reduction runs over
// batch × output pixels, far more than the filter has entries):
//   part[s, o, q] = Σ_{b in chunk s, oh, ow} dy[b, o, oh, ow] · x[b, c, oh·s − p + kh, ow·s − p + kw]
// for q = (c, kh, kw) < Q, and part[s, o, Q] = Σ dy (the bias gradient, as a column of ones).
// Each invocation computes 4 filters × 4 taps of one chunk; convReduce.wgsl sums the chunks.
override PADDED: bool;
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> part: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

/** A tap q = (c, kh, kw) as its channel offset and (kh − p, kw − p); the bias column reads ones. */
struct Tap { off: i32, dh: i32, dw: i32, bias: f32 }

fn tapAt(q: u32, taps: u32, window: u32) -> Tap {
  let t = min(q, taps - 1u);
  let c = t / window;
  let r = t - c * window;
  let kh = r / params.kW;
  return Tap(
    i32(c * params.inH * params.inW),
    i32(kh) - i32(params.pad),
    i32(r - kh * params.kW) - i32(params.pad),
    select(0.0, 1.0, q >= taps),
  );
}

fn loadTap(t: Tap, xBase: i32, ihs: i32, iws: i32) -> f32 {
  let ih = ihs + t.dh;
  let iw = iws + t.dw;
  let inW = i32(params.inW);
  var value: f32;
  if (PADDED) {
    let inside = ih >= 0 && iw >= 0 && ih < i32(params.inH) && iw < inW;
    value = select(0.0, x[u32(max(xBase + t.off + ih * inW + iw, 0))], inside);
  } else {
    value = x[u32(xBase + t.off + ih * inW + iw)];
  }
  return select(value, 1.0, t.bias > 0.5);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let window = params.kH * params.kW;
  let taps = params.inC * window;
  let cols = taps + 1u;
  // One flat index over (chunk, filter block, tap block), taps fastest, so no lane idles
  // however few filters or taps a layer has.
  let tapBlocks = (cols + 3u) / 4u;
  let perChunk = ((params.outC + 3u) / 4u) * tapBlocks;
  let t = (wid.y * nwg.x + wid.x) * 64u + lid.x;
  let chunk = t / perChunk;
  if (chunk >= params.chunks) { return; }
  let r = t - chunk * perChunk;
  let ob = r / tapBlocks;
  let o0 = ob * 4u;
  let q0 = (r - ob * tapBlocks) * 4u;
  let inPlane = params.inH * params.inW;
  let outPlane = params.outH * params.outW;

  let t0 = tapAt(q0, taps, window);
  let t1 = tapAt(q0 + 1u, taps, window);
  let t2 = tapAt(q0 + 2u, taps, window);
  let t3 = tapAt(q0 + 3u, taps, window);
  let lastO = params.outC - 1u;
  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  let firstImage = chunk * params.imagesPerChunk;
  let endImage = min(params.batch, firstImage + params.imagesPerChunk);
  for (var b = firstImage; b < endImage; b++) {
    let xBase = i32(b * params.inC * inPlane);
    let dyBase = b * params.outC * outPlane;
    let d0 = dyBase + min(o0, lastO) * outPlane;
    let d1 = dyBase + min(o0 + 1u, lastO) * outPlane;
    let d2 = dyBase + min(o0 + 2u, lastO) * outPlane;
    let d3 = dyBase + min(o0 + 3u, lastO) * outPlane;
    for (var oh = 0u; oh < params.outH; oh++) {
      let ih = i32(oh * params.stride);
      for (var ow = 0u; ow < params.outW; ow++) {
        let iw = i32(ow * params.stride);
        let v = vec4<f32>(
          loadTap(t0, xBase, ih, iw),
          loadTap(t1, xBase, ih, iw),
          loadTap(t2, xBase, ih, iw),
          loadTap(t3, xBase, ih, iw),
        );
        let pix = oh * params.outW + ow;
        acc0 += dy[d0 + pix] * v;
        acc1 += dy[d1 + pix] * v;
        acc2 += dy[d2 + pix] * v;
        acc3 += dy[d3 + pix] * v;
      }
    }
  }
  let accs = array<vec4<f32>, 4>(acc0, acc1, acc2, acc3);
  let chunkBase = chunk * params.outC * cols;
  for (var i = 0u; i < 4u; i++) {
    let o = o0 + i;
    if (o >= params.outC) { break; }
    let a = accs[i];
    for (var j = 0u; j < 4u; j++) {
      if (q0 + j < cols) { part[chunkBase + o * cols + q0 + j] = a[j]; }
    }
  }
}
