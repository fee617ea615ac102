// The backward pass of maxPool2x2.wgsl: windows tile the image, so each invocation owns one
// window's four input elements and writes them all (the chosen one gets dy, the others 0).
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read> argmax: array<i32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

fn put(e: u32, v: f32) {
  if (params.accumulate != 0u) { dx[e] += v; } else { dx[e] = v; }
}

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
  let e = nc * params.inH * params.inW + 2u * oh * params.inW + 2u * ow;
  let f = e + params.inW;
  let g = dy[o];
  let at = u32(argmax[o]);
  put(e, select(0.0, g, at == e));
  put(e + 1u, select(0.0, g, at == e + 1u));
  put(f, select(0.0, g, at == f));
  put(f + 1u, select(0.0, g, at == f + 1u));
}
