// Image minibatch gather with per-channel normalisation and augmentation (see
// ImageGatherParams): out[b, c, y, x] = img[c, y + dy, x' + dx]·scale[c] + shift[c], with
// x' = width−1−x when mirrored and black outside the image. Each row's (dx, dy, mirror) comes
// from randomBits(seed, augment stream, draw·batch + b), decoded as src/engine/data/augment.ts.
struct Params {
  offset: u32, batch: u32, channels: u32, height: u32, width: u32,
  pad: u32, flip: u32, seed: u32, draw: u32,
  scale0: f32, scale1: f32, scale2: f32, scale3: f32,
  shift0: f32, shift1: f32, shift2: f32, shift3: f32,
}
@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read> labels: array<i32>;
@group(0) @binding(2) var<storage, read> indices: array<i32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<storage, read_write> labelsOut: array<i32>;
@group(0) @binding(5) var<uniform> params: Params;

const AUGMENT_STREAM: u32 = 4u;

fn pixel(e: u32) -> f32 {
  return f32((src[e >> 2u] >> ((e & 3u) * 8u)) & 0xffu);
}

fn channelScale(c: u32) -> f32 {
  switch c { case 0u: { return params.scale0; } case 1u: { return params.scale1; }
             case 2u: { return params.scale2; } default: { return params.scale3; } }
}

fn channelShift(c: u32) -> f32 {
  switch c { case 0u: { return params.shift0; } case 1u: { return params.shift1; }
             case 2u: { return params.shift2; } default: { return params.shift3; } }
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  let plane = params.height * params.width;
  let rowSize = params.channels * plane;
  if (i >= params.batch * rowSize) { return; }
  let b = i / rowSize;
  let inRow = i - b * rowSize;
  let c = inRow / plane;
  let p = inRow - c * plane;
  let y = i32(p / params.width);
  let x = i32(p % params.width);
  let row = u32(indices[params.offset + b]);
  if (inRow == 0u) { labelsOut[b] = labels[row]; }

  var dx = 0;
  var dy = 0;
  var mirror = false;
  if (params.pad > 0u || params.flip != 0u) {
    let bits = randomBits(params.seed, AUGMENT_STREAM, params.draw * params.batch + b);
    let span = 2u * params.pad + 1u;
    dx = i32((bits & 0xffu) % span) - i32(params.pad);
    dy = i32(((bits >> 8u) & 0xffu) % span) - i32(params.pad);
    mirror = params.flip != 0u && ((bits >> 16u) & 1u) == 1u;
  }
  let w = i32(params.width);
  let h = i32(params.height);
  let sy = y + dy;
  var sx = x + dx;
  if (mirror) { sx = w - 1 - x + dx; }
  var v = 0.0;
  if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
    v = pixel(row * rowSize + c * plane + u32(sy) * params.width + u32(sx));
  }
  out[i] = v * channelScale(c) + channelShift(c);
}
