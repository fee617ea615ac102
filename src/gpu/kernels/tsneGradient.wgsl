// Exact t-SNE, pass 3 of 3: ∂C/∂y_i = 4·(attraction_i − repulsion_i / Z).
struct Params { n: u32 }
@group(0) @binding(0) var<storage, read> rows: array<f32>;
@group(0) @binding(1) var<storage, read> stats: array<f32>;
@group(0) @binding(2) var<storage, read_write> grad: array<vec2<f32>>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.n) { return; }
  let z = stats[0];
  let inv = select(0.0, 1.0 / z, z > 0.0);
  let o = 6u * i;
  let attraction = vec2<f32>(rows[o], rows[o + 1u]);
  let repulsion = vec2<f32>(rows[o + 2u], rows[o + 3u]);
  grad[i] = 4.0 * (attraction - repulsion * inv);
}
