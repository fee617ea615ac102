// What to suggest when the loss becomes NaN or infinite: the usual causes, in order of likelihood.
import type { ExperimentSpec } from '../spec/schema';

export function divergenceAdvice(spec: ExperimentSpec, currentLr: number): string {
  const tips = [
    `Try a smaller learning rate (now ${currentLr.toPrecision(3)}; a tenth of it is a good next try)`,
  ];
  if (spec.train.clipNorm === null) tips.push('turn on gradient-norm clipping (e.g. 1.0)');
  if (
    spec.model.nodes.some((n) => n.op === 'sigmoid' || n.op === 'tanh') &&
    !spec.model.nodes.some((n) => n.op === 'batchnorm')
  ) {
    tips.push('or add batch normalisation');
  }
  return `${tips.join(', ')}; then reset and train again.`;
}
