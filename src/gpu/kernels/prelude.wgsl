// Shared by every kernel (prepended by the pipeline cache).

// One-dimensional kernels run 256 invocations per workgroup on a 2-D grid of workgroups, so
// that more than 65,535 workgroups (maxComputeWorkgroupsPerDimension) fit in one dispatch.
const WG: u32 = 256u;

fn flatIndex(wid: vec3<u32>, nwg: vec3<u32>, lid: vec3<u32>) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid.x;
}
