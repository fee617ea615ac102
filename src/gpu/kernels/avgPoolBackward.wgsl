// dx[e] (+)= Σ dy[o] / count(o) over the windows o that contain e, one invocation per element.
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read_write> dx: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

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
    let rows = windowSpan(oh, params.kH, params.inH);
    for (var ow = ws.x; ow < ws.y; ow++) {
      let cols = windowSpan(ow, params.kW, params.inW);
      let count = (rows.y - rows.x) * (cols.y - cols.x);
      g += dy[base + oh * params.outW + ow] / f32(count);
    }
  }
  if (params.accumulate != 0u) { dx[e] += g; } else { dx[e] = g; }
}
