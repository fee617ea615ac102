import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import {
  DEFAULT_WORD_SETTINGS,
  tokenizeText,
  WordTrainingSession,
  type WordSettings,
} from './session';

// A tiny corpus with two clear topics: words of one topic only ever appear together.
const topics = [
  'king queen prince crown throne palace',
  'ship sail sea harbour boat wave',
  'wheat farm harvest field barn plough',
];
const text = Array.from({ length: 100 }, (_, i) => {
  const t = topics[i % 3].split(' ');
  return Array.from({ length: 24 }, (_, k) => t[(i * 5 + k * 7) % t.length]).join(' ');
}).join('. ');

const settings: WordSettings = {
  ...DEFAULT_WORD_SETTINGS,
  dim: 16,
  window: 3,
  epochs: 4,
  batchRows: 128,
  subsample: 0,
  minCount: 1,
  lr: 0.05,
  seed: 5,
};

async function train(s: WordSettings) {
  const session = new WordTrainingSession(new CpuBackend(), tokenizeText(text), s);
  session.trainSteps(3);
  const first = (await session.model.readLoss())!.loss;
  while (!session.done) session.trainSteps(50);
  const last = (await session.model.readLoss())!.loss;
  return { session, first, last };
}

describe('word2vec training session (CPU backend)', () => {
  it('skip-gram: the loss falls and words of one topic become neighbours', async () => {
    const { session, first, last } = await train(settings);
    expect(last).toBeLessThan(first * 0.8);
    const r = await session.neighbours('queen', 3);
    expect(r.ok && r.value.map((n) => n.word).every((w) => topics[0].includes(w))).toBe(true);
    const a = await session.analogy('king', 'ship', 'sea', 3);
    expect(a.ok && a.value.every((n) => !['king', 'ship', 'sea'].includes(n.word))).toBe(true);
  });
  it('CBOW: the loss falls and topics separate in the similarity matrix', async () => {
    const { session, first, last } = await train({ ...settings, mode: 'cbow' });
    expect(last).toBeLessThan(first * 0.8);
    const m = await session.similarity(['king', 'queen', 'ship']);
    expect(m.ok).toBe(true);
    if (m.ok) expect(m.value[1]).toBeGreaterThan(m.value[2]);
  });
  it('is bit-identical for the same seed, and names unknown words', async () => {
    const a = await train(settings);
    const b = await train(settings);
    expect(await b.session.model.vectors()).toEqual(await a.session.model.vectors());
    expect(await a.session.neighbours('dragon', 3)).toEqual({ ok: false, unknown: ['dragon'] });
  });
});
