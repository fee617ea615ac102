// out[i] = a[i] + b[i mod bSize]: b repeats along the leading dimensions (sizes in units of V).
alias V = f32;
struct Params { n: u32, bSize: u32 }
@group(0) @binding(0) var<storage, read> a: array<V>;
@group(0) @binding(1) var<storage, read> b: array<V>;
@group(0) @binding(2) var<storage, read_write> out: array<V>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i < params.n) { out[i] = a[i] + b[i % params.bSize]; }
}
