// y = the max of each window, argmax = the flat index into x of the (first) element chosen,
// or −1 for a window wholly in the padding (y = 0). A NaN wins and stays, as on the CPU.
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> argmax: array<i32>;
@group(0) @binding(3) var<uniform> params: Params;

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
  var best = 0.0;
  var at = -1;
  for (var ih = hs.x; ih < hs.y; ih++) {
    for (var iw = ws.x; iw < ws.y; iw++) {
      let e = base + ih * params.inW + iw;
      let v = x[e];
      if (at < 0 || v > best || v != v) {
        best = v;
        at = i32(e);
      }
    }
  }
  y[o] = best;
  if (params.optional != 0u) { argmax[o] = at; }
}
