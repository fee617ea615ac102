// Logistic loss of negative sampling, one workgroup: ℓ = softplus(−s) for label 1, softplus(s)
// for label 0; dS = (σ(s) − label)·gradScale; Σ ℓ and the number of scores on the right side of 0
// are added into metrics[0] and metrics[1], which accumulate across steps on the device.
struct Params { n: u32, hasGrad: u32, gradScale: f32 }
@group(0) @binding(0) var<storage, read> scores: array<f32>;
@group(0) @binding(1) var<storage, read> labels: array<f32>;
@group(0) @binding(2) var<storage, read_write> dS: array<f32>;
@group(0) @binding(3) var<storage, read_write> metrics: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

var<workgroup> lossPart: array<f32, 256>;
var<workgroup> rightPart: array<f32, 256>;

fn softplus(x: f32) -> f32 { return max(x, 0.0) + log(1.0 + exp(-abs(x))); }

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  var loss = 0.0;
  var right = 0.0;
  for (var i = lid.x; i < params.n; i += 256u) {
    let s = scores[i];
    let positive = labels[i] > 0.5;
    loss += select(softplus(s), softplus(-s), positive);
    if ((s > 0.0) == positive) { right += 1.0; }
    if (params.hasGrad != 0u) { dS[i] = (1.0 / (1.0 + exp(-s)) - labels[i]) * params.gradScale; }
  }
  lossPart[lid.x] = loss;
  rightPart[lid.x] = right;
  workgroupBarrier();
  if (lid.x == 0u) {
    var l = 0.0;
    var k = 0.0;
    for (var t = 0u; t < 256u; t++) {
      l += lossPart[t];
      k += rightPart[t];
    }
    metrics[0] += l;
    metrics[1] += k;
  }
}
