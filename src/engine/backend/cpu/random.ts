// Seeded random fills on the CPU, from the same counter-based source the GPU uses.
import type { RandomFillParams } from '../backend';
import { randomNormal, randomUniform, RandomStream } from '../../rng';
import { f32 } from './cpuBuffer';

export function randomFill(p: RandomFillParams): void {
  const out = f32(p.buf);
  if (p.distribution === 'uniform') {
    const width = p.b - p.a;
    for (let i = 0; i < p.n; i++)
      out[i] = p.a + width * randomUniform(p.seed, RandomStream.init, p.counter + i);
  } else {
    for (let i = 0; i < p.n; i++)
      out[i] = p.a + p.b * randomNormal(p.seed, RandomStream.init, p.counter + i);
  }
}
