// Multi-class hinge:  ℓ = Σ_{j≠y} max(0, s_j − s_y + Δ)
//   ∂ℓ/∂s_j = [margin_j > 0],  ∂ℓ/∂s_y = −#{j : margin_j > 0}
fn lossOfRow(base: u32, label: u32, m: f32, scale: f32) -> f32 {
  let sy = pred[base + label];
  var sum = 0.0;
  var violated = 0.0;
  for (var j = 0u; j < params.cols; j++) {
    let margin = select(pred[base + j] - sy + params.margin, 0.0, j == label);
    let on = margin > 0.0;
    sum += select(0.0, margin, on);
    violated += select(0.0, 1.0, on);
    grad(base + j, select(0.0, scale, on));
  }
  grad(base + label, -violated * scale);
  return sum;
}
