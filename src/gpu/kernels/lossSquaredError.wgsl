// Mean squared error:  ℓ = (1/cols) Σ_j (s_j − t_j)²      ∂ℓ/∂s_j = 2 (s_j − t_j) / cols
// with t the target row (VALUES) or the label's one-hot row.
fn lossOfRow(base: u32, label: u32, m: f32, scale: f32) -> f32 {
  let g = 2.0 * scale / f32(params.cols);
  var sum = 0.0;
  for (var j = 0u; j < params.cols; j++) {
    var t: f32;
    if (VALUES) { t = bitcast<f32>(targets[base + j]); } else { t = select(0.0, 1.0, j == label); }
    let d = pred[base + j] - t;
    sum += d * d;
    grad(base + j, g * d);
  }
  return sum / f32(params.cols);
}
