// Batch normalisation over N×C×S, one workgroup per channel c, over its M = N·S values:
// training normalises with the batch mean μ and variance σ² (two passes, then a tree sum in
// workgroup memory), saves μ and σ⁻¹ for backward and moves the running statistics
// (running = (1−m)·running + m·batch, unbiased variance); evaluation uses the running ones.
struct Params { batch: u32, channels: u32, spatial: u32, eps: f32, momentum: f32, training: u32 }
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> gamma: array<f32>;
@group(0) @binding(2) var<storage, read> beta: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
@group(0) @binding(4) var<storage, read_write> runningMean: array<f32>;
@group(0) @binding(5) var<storage, read_write> runningVar: array<f32>;
@group(0) @binding(6) var<storage, read_write> savedMean: array<f32>;
@group(0) @binding(7) var<storage, read_write> savedInvStd: array<f32>;
@group(0) @binding(8) var<uniform> params: Params;

var<workgroup> partial: array<f32, 256>;

/** The e-th of channel c's M values. */
fn at(c: u32, e: u32) -> u32 {
  let n = e / params.spatial;
  return (n * params.channels + c) * params.spatial + (e - n * params.spatial);
}

fn total(t: u32, v: f32) -> f32 {
  partial[t] = v;
  workgroupBarrier();
  for (var half = 128u; half > 0u; half >>= 1u) {
    if (t < half) { partial[t] += partial[t + half]; }
    workgroupBarrier();
  }
  let sum = partial[0];
  workgroupBarrier();
  return sum;
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let c = wid.x;
  let t = lid.x;
  let count = params.batch * params.spatial;
  var mean: f32;
  var invStd: f32;
  if (params.training != 0u) {
    var s = 0.0;
    for (var e = t; e < count; e += 256u) { s += x[at(c, e)]; }
    mean = total(t, s) / f32(count);
    var sq = 0.0;
    for (var e = t; e < count; e += 256u) { let d = x[at(c, e)] - mean; sq += d * d; }
    let squares = total(t, sq);
    invStd = inverseSqrt(squares / f32(count) + params.eps);
    if (t == 0u) {
      savedMean[c] = mean;
      savedInvStd[c] = invStd;
      let m = params.momentum;
      runningMean[c] = (1.0 - m) * runningMean[c] + m * mean;
      if (count > 1u) {
        runningVar[c] = (1.0 - m) * runningVar[c] + m * (squares / f32(count - 1u));
      }
    }
  } else {
    mean = runningMean[c];
    invStd = inverseSqrt(runningVar[c] + params.eps);
    // What this pass applied, for a backward through it (frozen statistics).
    if (t == 0u) {
      savedMean[c] = mean;
      savedInvStd[c] = invStd;
    }
  }
  let a = gamma[c] * invStd;
  let b = beta[c] - a * mean;
  for (var e = t; e < count; e += 256u) {
    let i = at(c, e);
    y[i] = a * x[i] + b;
  }
}
