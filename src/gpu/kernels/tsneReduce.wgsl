// Exact t-SNE, pass 2 of 3: stats = (Z, Σ p·log(1 + d²)) summed over every point's row, by one
// workgroup (a strided sum per invocation, then a tree in workgroup memory).
struct Params { n: u32, measure: u32 }
@group(0) @binding(0) var<storage, read> rows: array<f32>;
@group(0) @binding(1) var<storage, read_write> stats: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

var<workgroup> zs: array<f32, 256>;
var<workgroup> ps: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  let t = lid.x;
  var z = 0.0;
  var plog = 0.0;
  for (var i = t; i < params.n; i += 256u) {
    z += rows[6u * i + 4u];
    plog += rows[6u * i + 5u];
  }
  zs[t] = z;
  ps[t] = plog;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride) {
      zs[t] += zs[t + stride];
      ps[t] += ps[t + stride];
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    stats[0] = zs[0];
    stats[1] = select(0.0, ps[0], params.measure != 0u);
  }
}
