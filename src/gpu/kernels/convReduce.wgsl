// dw[o, q] (+)= Σ_s part[s, o, q] for q < Q, and db[o] (+)= Σ_s part[s, o, Q]: the chunks of
// the split filter gradient added up, one invocation per filter entry.
@group(0) @binding(0) var<storage, read> part: array<f32>;
@group(0) @binding(1) var<storage, read_write> dw: array<f32>;
@group(0) @binding(2) var<storage, read_write> db: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let taps = params.inC * params.kH * params.kW;
  let cols = taps + 1u;
  let e = flatIndex(wid, nwg, lid);
  if (e >= params.outC * cols) { return; }
  let o = e / cols;
  let q = e - o * cols;
  if (q == taps && params.optional == 0u) { return; }
  var s = 0.0;
  let stride = params.outC * cols;
  for (var chunk = 0u; chunk < params.chunks; chunk++) { s += part[chunk * stride + e]; }
  if (q == taps) {
    if (params.accumulate != 0u) { db[o] += s; } else { db[o] = s; }
  } else {
    let at = o * taps + q;
    if (params.accumulate != 0u) { dw[at] += s; } else { dw[at] = s; }
  }
}
