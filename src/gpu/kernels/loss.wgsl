// The fused loss pass, one workgroup. Per valid row it finds the argmax and the label and calls
// lossOfRow, which each loss defines in its own file (lossCrossEntropy.wgsl, lossSquaredError.wgsl,
// lossHinge.wgsl) and which writes ∂ℓ/∂s · (1/validRows) through grad(). dPred = ∂ℓ/∂s / validRows (zero on padding rows); Σ ℓ and the number of rows whose argmax is
// the label are added into metrics[0] and metrics[1], which accumulate across steps on the device.
// A label outside 0..cols−1 makes that row's loss NaN, which the trainer's divergence guard reports.
override VALUES: bool;     // the target holds f32 values shaped like pred (else i32 labels)
// nanBits: the bits of a NaN, supplied at run time since WGSL has no NaN constant.
struct Params { rows: u32, cols: u32, validRows: u32, hasGrad: u32, margin: f32, nanBits: u32 }
@group(0) @binding(0) var<storage, read> pred: array<f32>;
@group(0) @binding(1) var<storage, read> targets: array<u32>;
@group(0) @binding(2) var<storage, read_write> dPred: array<f32>;
@group(0) @binding(3) var<storage, read_write> metrics: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

var<workgroup> lossPart: array<f32, 256>;
var<workgroup> correctPart: array<f32, 256>;

fn grad(i: u32, g: f32) {
  if (params.hasGrad != 0u) { dPred[i] = g; }
}

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  let cols = params.cols;
  let valid = min(params.validRows, params.rows);
  let scale = select(0.0, 1.0 / f32(valid), valid > 0u);
  var lossSum = 0.0;
  var correct = 0.0;
  for (var r = lid.x; r < params.rows; r += 256u) {
    let base = r * cols;
    if (r >= valid) {
      for (var j = 0u; j < cols; j++) { grad(base + j, 0.0); }
      continue;
    }
    var m = pred[base];
    var arg = 0u;
    for (var j = 1u; j < cols; j++) {
      let v = pred[base + j];
      if (v > m) { m = v; arg = j; }
    }
    var label = 0u;
    var labelOk = true;
    if (!VALUES) {
      let l = bitcast<i32>(targets[r]);
      labelOk = l >= 0 && l < i32(cols);
      label = u32(clamp(l, 0, i32(cols) - 1));
      if (arg == label && labelOk) { correct += 1.0; }
    }
    let rowLoss = lossOfRow(base, label, m, scale);
    lossSum += select(bitcast<f32>(params.nanBits), rowLoss, labelOk);
  }
  lossPart[lid.x] = lossSum;
  correctPart[lid.x] = correct;
  // One barrier, then one invocation adds the 256 partial sums: barriers inside a loop cost
  // SwiftShader far more (in compile time too) than 256 additions.
  workgroupBarrier();
  if (lid.x == 0u) {
    var l = 0.0;
    var k = 0.0;
    for (var t = 0u; t < 256u; t++) {
      l += lossPart[t];
      k += correctPart[t];
    }
    metrics[0] += l;
    metrics[1] += k;
  }
}
