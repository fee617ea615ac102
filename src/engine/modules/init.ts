// Weight initialisation from the seeded counter-based RNG, so the same spec gives the same
// starting weights on every backend. Each parameter draws from its own seed, derived from
// the experiment seed and the node id, so adding a node does not change the others' weights.
import type { Backend, DeviceBuffer } from '../backend/backend';
import { mix32 } from '../rng';

export type InitScheme = 'he' | 'glorot' | 'fanInUniform';

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function parameterSeed(seed: number, nodeId: string, paramName: string): number {
  return mix32((seed ^ hashString(`${nodeId}.${paramName}`)) >>> 0);
}

/**
 * He (Kaiming) normal: N(0, 2/fanIn), for ReLU networks.
 * Glorot (Xavier) uniform: U(±√(6/(fanIn+fanOut))), for tanh and sigmoid networks.
 * Fan-in uniform: U(±1/√fanIn), PyTorch's default for Linear and Conv2d (kaiming_uniform_ with
 * a = √5): variance 1/(3·fanIn), a sixth of He's. Behind batch norm the scale of a convolution's
 * weights does not change what it computes, only how far Adam's steps (about lr each, whatever
 * the scale) move it relative to its size: smaller weights learn faster.
 */
export function initWeights(
  backend: Backend,
  buf: DeviceBuffer,
  scheme: InitScheme,
  fanIn: number,
  fanOut: number,
  seed: number,
): void {
  if (scheme === 'he') {
    const std = Math.sqrt(2 / fanIn);
    backend.randomFill({
      buf,
      n: buf.size,
      distribution: 'normal',
      a: 0,
      b: std,
      seed,
      counter: 0,
    });
  } else {
    const limit = scheme === 'glorot' ? Math.sqrt(6 / (fanIn + fanOut)) : 1 / Math.sqrt(fanIn);
    backend.randomFill({
      buf,
      n: buf.size,
      distribution: 'uniform',
      a: -limit,
      b: limit,
      seed,
      counter: 0,
    });
  }
}
