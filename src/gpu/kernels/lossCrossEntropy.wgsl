// Softmax cross-entropy:  ℓ = log Σ_j e^(s_j) − s_y      ∂ℓ/∂s_j = softmax(s)_j − [j = y]
// (m is the row maximum, subtracted so no exponent is positive).
fn lossOfRow(base: u32, label: u32, m: f32, scale: f32) -> f32 {
  var sum = 0.0;
  for (var j = 0u; j < params.cols; j++) { sum += exp(pred[base + j] - m); }
  let inv = scale / sum;
  for (var j = 0u; j < params.cols; j++) {
    grad(base + j, exp(pred[base + j] - m) * inv - select(0.0, scale, j == label));
  }
  return m + log(sum) - pred[base + label];
}
