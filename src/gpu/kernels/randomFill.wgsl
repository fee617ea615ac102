// buf[i] = a + (b − a)·u (uniform) or a + b·z (normal, Box–Muller from draws 2i and 2i + 1),
// with draws from the init stream at counter + i, as the CPU backend makes them. Uniform fills
// match it bit for bit; normal fills to a few f32 roundings (cosTurns says why not WGSL's cos).
override NORMAL: bool;
const INIT_STREAM: u32 = 1u;
struct Params { n: u32, a: f32, b: f32, seed: u32, counter: u32 }
@group(0) @binding(0) var<storage, read_write> buf: array<f32>;
@group(0) @binding(1) var<uniform> params: Params;

// cos(2π·u) for u in [0, 1), within 3.7e-7 of Math.cos (this arithmetic in f32, checked over all
// 2^24 draws). WGSL lets a GPU's cos be off by 2^-11 within [−π, π] (and by anything outside it):
// SwiftShader's made He-initialised weights differ from the CPU backend's by 1e-4 relative, and
// the first loss of the ConvNetJS CIFAR net by 1.7e-4. Reduced exactly in quarter turns (u has 24
// bits): 4u = k + f, |f| ≤ 1/2, then Taylor on |x| ≤ π/4.
fn cosTurns(u: f32) -> f32 {
  let q = 4.0 * u;
  let k = round(q);
  let x = (q - k) * 1.5707963267948966;
  let x2 = x * x;
  let c = 1.0 + x2 * (-0.5 + x2 * (1.0 / 24.0 + x2 * (-1.0 / 720.0 + x2 / 40320.0)));
  let s = x * (1.0 + x2 * (-1.0 / 6.0 + x2 * (1.0 / 120.0 - x2 / 5040.0)));
  switch (u32(k) & 3u) {
    case 0u: { return c; }
    case 1u: { return -s; }
    case 2u: { return -c; }
    default: { return s; }
  }
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.n) { return; }
  let c = params.counter + i;
  if (NORMAL) {
    let u1 = 1.0 - randomUniform(params.seed, INIT_STREAM, 2u * c);
    let u2 = randomUniform(params.seed, INIT_STREAM, 2u * c + 1u);
    buf[i] = params.a + params.b * sqrt(-2.0 * log(u1)) * cosTurns(u2);
  } else {
    buf[i] = params.a + (params.b - params.a) * randomUniform(params.seed, INIT_STREAM, c);
  }
}
