// buf[i] = value for i < n, as raw 32-bit words, so one kernel fills f32, i32 and packed u8.
alias U = u32;
struct Params { n: u32, bits: u32 }
@group(0) @binding(0) var<storage, read_write> buf: array<U>;
@group(0) @binding(1) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i < params.n) { buf[i] = U(params.bits); }
}
