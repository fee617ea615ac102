// Max pooling 2×2 with stride 2 over an image of exactly 2·outH × 2·outW (the LeNet and VGG
// case): each window is four loads with no loop, and the choice is branch-free. Same rule as
// the general kernel: the first maximum wins ties, a NaN wins and stays.
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
  let e = nc * params.inH * params.inW + 2u * oh * params.inW + 2u * ow;
  let f = e + params.inW;
  var best = x[e];
  var at = e;
  let v1 = x[e + 1u];
  let t1 = v1 > best || v1 != v1;
  best = select(best, v1, t1);
  at = select(at, e + 1u, t1);
  let v2 = x[f];
  let t2 = v2 > best || v2 != v2;
  best = select(best, v2, t2);
  at = select(at, f, t2);
  let v3 = x[f + 1u];
  let t3 = v3 > best || v3 != v3;
  best = select(best, v3, t3);
  at = select(at, f + 1u, t3);
  y[o] = best;
  if (params.optional != 0u) { argmax[o] = i32(at); }
}
