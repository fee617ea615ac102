// Pooling windows over NCHW planes (the geometry is convGeometry's Params; outC = inC).
// A window is clipped to its image: padding is never a value.

/** The in-image rows (or columns) [start, end) of output o's window. */
fn windowSpan(o: u32, k: u32, size: u32) -> vec2<u32> {
  let first = i32(o * params.stride) - i32(params.pad);
  return vec2<u32>(u32(max(first, 0)), u32(clamp(first + i32(k), 0, i32(size))));
}

/** The outputs [first, end) whose windows, of size k, contain input row (or column) i. */
fn coveringOutputs(i: u32, k: u32, outSize: u32) -> vec2<u32> {
  let t = i32(i + params.pad);
  let s = i32(params.stride);
  // o·s ≤ t and o·s + k > t  ⇔  (t − k)/s < o ≤ t/s
  let first = max(0, (t - i32(k)) / s + 1);
  let lowest = select(first, 0, t - i32(k) < 0);
  return vec2<u32>(u32(lowest), u32(min(i32(outSize), t / s + 1)));
}

/** Output element o as (plane n·C + c, row, column). */
fn outputPosition(o: u32) -> vec3<u32> {
  let plane = params.outH * params.outW;
  let nc = o / plane;
  let r = o - nc * plane;
  let row = r / params.outW;
  return vec3<u32>(nc, row, r - row * params.outW);
}

/** Input element e as (plane n·C + c, row, column). */
fn inputPosition(e: u32) -> vec3<u32> {
  let plane = params.inH * params.inW;
  let nc = e / plane;
  let r = e - nc * plane;
  let row = r / params.inW;
  return vec3<u32>(nc, row, r - row * params.inW);
}
