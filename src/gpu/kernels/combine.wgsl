// out[i] = x[i] + a·y[i] + b·z[i] (sizes in units of V): a point of a plane in weight space.
alias V = f32;
struct Params { n: u32, a: f32, b: f32 }
@group(0) @binding(0) var<storage, read> x: array<V>;
@group(0) @binding(1) var<storage, read> y: array<V>;
@group(0) @binding(2) var<storage, read> z: array<V>;
@group(0) @binding(3) var<storage, read_write> out: array<V>;
@group(0) @binding(4) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i < params.n) { out[i] = x[i] + params.a * y[i] + params.b * z[i]; }
}
