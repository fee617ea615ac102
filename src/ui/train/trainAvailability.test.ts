import { describe, expect, it } from 'vitest';
import { trainAvailability } from './trainAvailability';

const problem = { severity: 'error' as const, nodeId: 'c1', message: 'conv2d#c1: needs images' };

describe('trainAvailability', () => {
  it('a model with errors cannot train, and says the first error and how many more', () => {
    expect(trainAvailability('ready', false, [problem])).toEqual({
      enabled: false,
      reason: 'Cannot train yet: conv2d#c1: needs images.',
    });
    expect(trainAvailability('ready', true, [problem, problem]).reason).toBe(
      'Cannot train yet: conv2d#c1: needs images (and 1 more problem).',
    );
  });

  it('a changed recipe trains after a reload, even once the run is finished or failed', () => {
    for (const state of ['finished', 'failed', 'diverged', 'paused'] as const) {
      expect(trainAvailability(state, true, []).enabled).toBe(true);
    }
    expect(trainAvailability('paused', true, []).reason).toMatch(/fresh run/);
  });

  it('unchanged: ready and paused train; finished says to reset', () => {
    expect(trainAvailability('ready', false, [])).toEqual({ enabled: true, reason: null });
    expect(trainAvailability('paused', false, []).enabled).toBe(true);
    expect(trainAvailability('finished', false, [])).toMatchObject({ enabled: false });
    expect(trainAvailability('training', false, []).enabled).toBe(false);
    expect(trainAvailability('compiling', true, []).enabled).toBe(false);
  });
});
