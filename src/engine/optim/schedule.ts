// Learning-rate schedules: the learning rate at a (fractional) epoch of the run.
import type { ScheduleSpec } from '../spec/schema';

/**
 * constant:    lr
 * step:        lr·γ^floor(epoch / everyEpochs)
 * exponential: lr·γ^epoch
 * cosine:      minLr + (lr − minLr)·(1 + cos(π·epoch/totalEpochs))/2, held at minLr past the end
 */
export function learningRate(
  schedule: ScheduleSpec,
  baseLr: number,
  epoch: number,
  totalEpochs: number,
): number {
  switch (schedule.kind) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * Math.pow(schedule.gamma, Math.floor(epoch / schedule.everyEpochs));
    case 'exponential':
      return baseLr * Math.pow(schedule.gamma, epoch);
    case 'cosine': {
      // Past the end (extra evaluation, a resumed run) the cosine would climb back up.
      const progress = totalEpochs > 0 ? Math.min(1, Math.max(0, epoch / totalEpochs)) : 1;
      const { minLr } = schedule;
      return minLr + ((baseLr - minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
    }
  }
}
