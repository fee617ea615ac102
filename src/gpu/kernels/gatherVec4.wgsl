// The minibatch gather (see gather.wgsl) four values at a time, for rows of a multiple of 4
// values: a byte source gives four pixels per 32-bit word, unpacked in one go.
override SRC_U8: bool;
struct Params { offset: u32, batch: u32, rowSize: u32, scale: f32, shift: f32, withLabels: u32 }
@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read> labels: array<i32>;
@group(0) @binding(2) var<storage, read> indices: array<i32>;
@group(0) @binding(3) var<storage, read_write> out: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> labelsOut: array<i32>;
@group(0) @binding(5) var<uniform> params: Params;

/** Values e..e+3 of the source (e a multiple of 4). */
fn source4(e: u32) -> vec4<f32> {
  if (SRC_U8) {
    let word = src[e >> 2u];
    return vec4<f32>(vec4<u32>(word, word >> 8u, word >> 16u, word >> 24u) & vec4<u32>(0xffu));
  }
  return bitcast<vec4<f32>>(vec4<u32>(src[e], src[e + 1u], src[e + 2u], src[e + 3u]));
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  let quads = params.rowSize / 4u;
  if (i >= params.batch * quads) { return; }
  let b = i / quads;
  let j = i - b * quads;
  let row = u32(indices[params.offset + b]);
  out[i] = source4(row * params.rowSize + j * 4u) * params.scale + vec4<f32>(params.shift);
  if (j == 0u && params.withLabels != 0u) { labelsOut[b] = labels[row]; }
}
