// dst[dstOffset + k·dstStride + j] (+)= src[srcOffset + k·srcStride + j], k < blocks, j < blockSize
// (all in units of V).
alias V = f32;
struct Params {
  blocks: u32, blockSize: u32, srcOffset: u32, srcStride: u32,
  dstOffset: u32, dstStride: u32, accumulate: u32,
}
@group(0) @binding(0) var<storage, read> src: array<V>;
@group(0) @binding(1) var<storage, read_write> dst: array<V>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.blocks * params.blockSize) { return; }
  let k = i / params.blockSize;
  let j = i - k * params.blockSize;
  let v = src[params.srcOffset + k * params.srcStride + j];
  let d = params.dstOffset + k * params.dstStride + j;
  if (params.accumulate != 0u) { dst[d] += v; } else { dst[d] = v; }
}
