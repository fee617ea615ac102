// Batch normalisation backward, one workgroup per channel, with x̂ = (x − μ)σ⁻¹ from the saved
// statistics:  dγ = Σ dy·x̂,  dβ = Σ dy,  dx (+)= γσ⁻¹ (dy − dβ/M − x̂·dγ/M).  dγ, dβ are overwritten.
// FROZEN (the forward used the running statistics, constants): dx (+)= γσ⁻¹·dy.
struct Params { batch: u32, channels: u32, spatial: u32, accumulate: u32, frozen: u32 }
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> gamma: array<f32>;
@group(0) @binding(3) var<storage, read> savedMean: array<f32>;
@group(0) @binding(4) var<storage, read> savedInvStd: array<f32>;
@group(0) @binding(5) var<storage, read_write> dx: array<f32>;
@group(0) @binding(6) var<storage, read_write> dGamma: array<f32>;
@group(0) @binding(7) var<storage, read_write> dBeta: array<f32>;
@group(0) @binding(8) var<uniform> params: Params;

var<workgroup> partA: array<f32, 256>;
var<workgroup> partB: array<f32, 256>;

fn at(c: u32, e: u32) -> u32 {
  let n = e / params.spatial;
  return (n * params.channels + c) * params.spatial + (e - n * params.spatial);
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let c = wid.x;
  let t = lid.x;
  let count = params.batch * params.spatial;
  let mean = savedMean[c];
  let invStd = savedInvStd[c];
  var sumDy = 0.0;
  var sumDyXhat = 0.0;
  for (var e = t; e < count; e += 256u) {
    let i = at(c, e);
    let g = dy[i];
    sumDy += g;
    sumDyXhat += g * (x[i] - mean) * invStd;
  }
  partA[t] = sumDy;
  partB[t] = sumDyXhat;
  workgroupBarrier();
  for (var half = 128u; half > 0u; half >>= 1u) {
    if (t < half) {
      partA[t] += partA[t + half];
      partB[t] += partB[t + half];
    }
    workgroupBarrier();
  }
  let dB = partA[0];
  let dG = partB[0];
  if (t == 0u) {
    dGamma[c] = dG;
    dBeta[c] = dB;
  }
  let k = gamma[c] * invStd;
  let meanDy = dB / f32(count);
  let meanDyXhat = dG / f32(count);
  for (var e = t; e < count; e += 256u) {
    let i = at(c, e);
    let xhat = (x[i] - mean) * invStd;
    var g = k * dy[i];
    if (params.frozen == 0u) { g = k * (dy[i] - meanDy - xhat * meanDyXhat); }
    if (params.accumulate != 0u) { dx[i] += g; } else { dx[i] = g; }
  }
}
