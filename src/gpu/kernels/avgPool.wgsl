// y = the mean of each window's in-image elements (count_include_pad = false); 0 for none.
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let o = flatIndex(wid, nwg, lid);
  let outPlane = params.outH * params.outW;
  if (o >= params.batch * params.inC * outPlane) { return; }
  let pos = outputPosition(o);
  let nc = pos.x;
  let oh = pos.y;
  let ow = pos.z;
  let hs = windowSpan(oh, params.kH, params.inH);
  let ws = windowSpan(ow, params.kW, params.inW);
  let base = nc * params.inH * params.inW;
  var s = 0.0;
  for (var ih = hs.x; ih < hs.y; ih++) {
    for (var iw = ws.x; iw < ws.y; iw++) { s += x[base + ih * params.inW + iw]; }
  }
  let count = (hs.y - min(hs.x, hs.y)) * (ws.y - min(ws.x, ws.y));
  y[o] = select(0.0, s / f32(count), count > 0u);
}
