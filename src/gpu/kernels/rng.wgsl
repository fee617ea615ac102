// The counter-based random source of src/engine/rng.ts, bit for bit: lowbias32 applied twice
// with the seed and stream folded in. WGSL's u32 multiply wraps like Math.imul.
fn mix32(v: u32) -> u32 {
  var x = v;
  x ^= x >> 16u;
  x *= 0x7feb352du;
  x ^= x >> 15u;
  x *= 0x846ca68bu;
  x ^= x >> 16u;
  return x;
}

fn randomBits(seed: u32, stream: u32, counter: u32) -> u32 {
  let h = mix32(seed ^ (stream * 0x9e3779b9u));
  return mix32(h ^ mix32(counter));
}

/** Uniform on [0, 1) with 24 bits, exact in f32. */
fn randomUniform(seed: u32, stream: u32, counter: u32) -> f32 {
  return f32(randomBits(seed, stream, counter) >> 8u) / 16777216.0;
}
