// Whether Train can be pressed now, and if not, why, in words a person can act on.
import type { Problem } from '../../engine/spec/inferShapes';
import type { RunState } from '../../engine/train/events';

export interface Availability {
  enabled: boolean;
  /** Why it is disabled, or what pressing it will do differently; null when it is obvious. */
  reason: string | null;
}

function firstProblems(problems: readonly Problem[]): string {
  const first = problems[0].message;
  const more = problems.length - 1;
  return more > 0 ? `${first} (and ${more} more problem${more === 1 ? '' : 's'})` : first;
}

/**
 * `changed`: the recipe differs from the one the worker holds, so Train first loads it (a fresh
 * run). `problems`: what stops the model from training on its data.
 */
export function trainAvailability(
  state: RunState,
  changed: boolean,
  problems: readonly Problem[],
): Availability {
  if (problems.length > 0)
    return { enabled: false, reason: `Cannot train yet: ${firstProblems(problems)}.` };
  if (state === 'loading' || state === 'compiling' || state === 'training')
    return { enabled: false, reason: null };
  if (changed)
    return { enabled: true, reason: 'The recipe changed: Train starts a fresh run with it.' };
  switch (state) {
    case 'ready':
    case 'paused':
      return { enabled: true, reason: null };
    case 'finished':
      return {
        enabled: false,
        reason: 'The run is finished: Reset to train it again, or change the recipe.',
      };
    case 'diverged':
      return {
        enabled: false,
        reason: 'Training diverged: lower the learning rate (or clip gradients), then Train again.',
      };
    case 'failed':
      return { enabled: false, reason: 'This run could not start: see the problem above.' };
    case 'idle':
      return { enabled: true, reason: null };
  }
}
