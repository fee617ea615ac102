// dx (+)= dy ⊙ mask
alias V = f32;
struct Params { n: u32, accumulate: u32 }
@group(0) @binding(0) var<storage, read> dy: array<V>;
@group(0) @binding(1) var<storage, read> mask: array<V>;
@group(0) @binding(2) var<storage, read_write> dx: array<V>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.n) { return; }
  let g = dy[i] * mask[i];
  if (params.accumulate != 0u) { dx[i] += g; } else { dx[i] = g; }
}
