// Global gradient-norm clipping, one dispatch per gradient buffer (one workgroup each):
// sumSquares (+)= Σ g² (the first buffer overwrites), and after the last one
// scale = min(1, maxNorm/‖g‖), which the optimizer updates multiply every gradient by.
struct Params { n: u32, first: u32, last: u32, maxNorm: f32 }
@group(0) @binding(0) var<storage, read> grad: array<f32>;
@group(0) @binding(1) var<storage, read_write> sumSquares: array<f32>;
@group(0) @binding(2) var<storage, read_write> scale: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

var<workgroup> partial: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  let t = lid.x;
  var s = 0.0;
  for (var i = t; i < params.n; i += 256u) { let g = grad[i]; s += g * g; }
  partial[t] = s;
  workgroupBarrier();
  for (var half = 128u; half > 0u; half >>= 1u) {
    if (t < half) { partial[t] += partial[t + half]; }
    workgroupBarrier();
  }
  if (t == 0u) {
    let total = select(sumSquares[0], 0.0, params.first != 0u) + partial[0];
    sumSquares[0] = total;
    if (params.last != 0u) {
      let norm = sqrt(total);
      scale[0] = select(1.0, params.maxNorm / norm, norm > params.maxNorm);
    }
  }
}
