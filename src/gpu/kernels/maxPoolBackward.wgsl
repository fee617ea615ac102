// dx[e] (+)= Σ dy[o] over the outputs o whose window chose e (argmax[o] = e): the scatter of
// the CPU backend written as a gather, one invocation per input element, so no two write the
// same place even when windows overlap.
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read> argmax: array<i32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let e = flatIndex(wid, nwg, lid);
  let inPlane = params.inH * params.inW;
  if (e >= params.batch * params.inC * inPlane) { return; }
  let pos = inputPosition(e);
  let nc = pos.x;
  let ih = pos.y;
  let iw = pos.z;
  let hs = coveringOutputs(ih, params.kH, params.outH);
  let ws = coveringOutputs(iw, params.kW, params.outW);
  let base = nc * params.outH * params.outW;
  var g = 0.0;
  for (var oh = hs.x; oh < hs.y; oh++) {
    for (var ow = ws.x; ow < ws.y; ow++) {
      let o = base + oh * params.outW + ow;
      if (argmax[o] == i32(e)) { g += dy[o]; }
    }
  }
  if (params.accumulate != 0u) { dx[e] += g; } else { dx[e] = g; }
}
