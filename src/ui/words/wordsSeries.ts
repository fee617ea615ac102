// The words run's loss curve, outside React state like the playground's (see runSeries.ts): the
// chart redraws on the next frame after a change, and a point never re-renders a component.
import { Series, runSeriesChanged } from '../store/runSeries';

export const wordsLoss = new Series();

export function pushWordsLoss(step: number, loss: number): void {
  wordsLoss.push(step, loss);
  runSeriesChanged();
}

export function clearWordsLoss(): void {
  wordsLoss.clear();
  runSeriesChanged();
}
