// buf[i] = a + (b − a)·u (uniform) or a + b·z (normal, Box–Muller from draws 2i and 2i + 1),
// with draws from the init stream at counter + i, as the CPU backend makes them. Uniform fills
// match it bit for bit; normal fills differ in the last bits of log, cos and sqrt.
override NORMAL: bool;
const INIT_STREAM: u32 = 1u;
const TWO_PI: f32 = 6.283185307179586;
struct Params { n: u32, a: f32, b: f32, seed: u32, counter: u32 }
@group(0) @binding(0) var<storage, read_write> buf: array<f32>;
@group(0) @binding(1) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.n) { return; }
  let c = params.counter + i;
  if (NORMAL) {
    let u1 = 1.0 - randomUniform(params.seed, INIT_STREAM, 2u * c);
    let u2 = randomUniform(params.seed, INIT_STREAM, 2u * c + 1u);
    buf[i] = params.a + params.b * sqrt(-2.0 * log(u1)) * cos(TWO_PI * u2);
  } else {
    buf[i] = params.a + (params.b - params.a) * randomUniform(params.seed, INIT_STREAM, c);
  }
}
