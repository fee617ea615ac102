// The inputs and outputs of the two forward convolution kernels (conv2dBlocked, conv2dTiled):
// their bindings, the padded input read and the store of 4 pixels of one output channel.
// PADDED adds the in-image tests that zero padding needs; without padding every window lies
// inside its image.
override PADDED: bool;
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

fn loadX(rowBase: i32, ih: i32, iw: i32) -> f32 {
  if (!PADDED) { return x[u32(max(rowBase + iw, 0))]; }
  let inside = ih >= 0 && iw >= 0 && ih < i32(params.inH) && iw < i32(params.inW);
  return select(0.0, x[u32(max(rowBase + iw, 0))], inside);
}

/** Writes the quad of channel o (if it exists) with the bias and the activation. */
fn storeQuad(o: u32, at: u32, ow: u32, v: vec4<f32>) {
  if (o >= params.outC) { return; }
  var r = v;
  if (params.optional != 0u) { r += vec4<f32>(bias[o]); }
  if (params.activation != 0u) { r = select(r, vec4<f32>(), r < vec4<f32>()); }
  let base = at + o * params.outH * params.outW;
  y[base] = r.x;
  if (ow + 1u < params.outW) { y[base + 1u] = r.y; }
  if (ow + 2u < params.outW) { y[base + 2u] = r.z; }
  if (ow + 3u < params.outW) { y[base + 3u] = r.w; }
}
