// Inverted dropout: mask_i = (u_i ≥ p) / (1 − p), y = x ⊙ mask, with u_i from the dropout stream
// at counter + i: the same bits as the CPU backend, so both drop the same units.
const DROPOUT_STREAM: u32 = 3u;
struct Params { n: u32, p: f32, scale: f32, seed: u32, counter: u32 }
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> mask: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.n) { return; }
  let u = randomUniform(params.seed, DROPOUT_STREAM, params.counter + i);
  let m = select(0.0, params.scale, u >= params.p);
  mask[i] = m;
  y[i] = x[i] * m;
}
