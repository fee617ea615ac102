// dx (+)= dy · f'(x). relu, leaky relu and abs read x; tanh (1 − y²) and sigmoid (y(1 − y)) read y.
alias V = f32;
override OP: u32;
struct Params { n: u32, alpha: f32, accumulate: u32 }
@group(0) @binding(0) var<storage, read> x: array<V>;
@group(0) @binding(1) var<storage, read> y: array<V>;
@group(0) @binding(2) var<storage, read> dy: array<V>;
@group(0) @binding(3) var<storage, read_write> dx: array<V>;
@group(0) @binding(4) var<uniform> params: Params;

fn derivative(i: u32) -> V {
  if (OP == 0u) { return select(V(0.0), V(1.0), x[i] > V(0.0)); }
  if (OP == 1u) { return select(V(params.alpha), V(1.0), x[i] > V(0.0)); }
  if (OP == 2u) { let v = y[i]; return V(1.0) - v * v; }
  if (OP == 3u) { let v = y[i]; return v * (V(1.0) - v); }
  return sign(x[i]);
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = flatIndex(wid, nwg, lid);
  if (i >= params.n) { return; }
  let g = dy[i] * derivative(i);
  if (params.accumulate != 0u) { dx[i] += g; } else { dx[i] = g; }
}
