// The t-SNE optimiser step of the reference implementation, per coordinate: the gain grows by
// 0.2 while gradient and velocity disagree in sign and shrinks to 0.8× when they agree (at
// least minGain); v = μ·v − η·gain·g; y += v.
struct Params { count: u32, learningRate: f32, momentum: f32, minGain: f32 }
@group(0) @binding(0) var<storage, read> grad: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> velocity: array<f32>;
@group(0) @binding(3) var<storage, read_write> gains: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let k = flatIndex(wid, nwg, lid);
  if (k >= params.count) { return; }
  let g = grad[k];
  let v = velocity[k];
  var gain = select(gains[k] * 0.8, gains[k] + 0.2, sign(g) != sign(v));
  gain = max(gain, params.minGain);
  gains[k] = gain;
  let nv = params.momentum * v - params.learningRate * gain * g;
  velocity[k] = nv;
  y[k] += nv;
}
