// Minibatch assembly from a data set resident on the device:
//   out[b, j] = src[indices[offset + b]·rowSize + j]·scale + shift,  labelsOut[b] = labels[indices[offset + b]]
// SRC_U8: the source holds bytes packed four to a word (images), else f32 values.
override SRC_U8: bool;
struct Params { offset: u32, batch: u32, rowSize: u32, scale: f32, shift: f32, withLabels: u32 }
@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read> labels: array<i32>;
@group(0) @binding(2) var<storage, read> indices: array<i32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<storage, read_write> labelsOut: array<i32>;
@group(0) @binding(5) var<uniform> params: Params;

fn source(e: u32) -> f32 {
  if (SRC_U8) { return f32((src[e >> 2u] >> ((e & 3u) * 8u)) & 0xffu); }
  return bitcast<f32>(src[e]);
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.batch * params.rowSize) { return; }
  let b = i / params.rowSize;
  let j = i - b * params.rowSize;
  let row = u32(indices[params.offset + b]);
  out[i] = source(row * params.rowSize + j) * params.scale + params.shift;
  if (j == 0u && params.withLabels != 0u) { labelsOut[b] = labels[row]; }
}
