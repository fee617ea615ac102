// λmax and λmin of the run's Hessian on the fixed batch, against the stability bound of plain
// gradient descent: a step of η diverges along any direction whose curvature exceeds 2/η.
import type { CurvatureFrame } from '../../engine/analysis/landscapeFrames';
import { formatLoss } from '../lab/ContourMap';

export function CurvatureReadout({ frame }: { frame: CurvatureFrame }) {
  const bound = 2 / frame.learningRate;
  const unstable = frame.max > bound;
  return (
    <dl className="landscape-curvature" data-testid="landscape-curvature">
      <dt>λmax</dt>
      <dd data-testid="landscape-lambda-max">{formatLoss(frame.max)}</dd>
      <dt>2/η</dt>
      <dd>
        {formatLoss(bound)} (η = {frame.learningRate}, {frame.optimizer}):{' '}
        {unstable
          ? 'λmax is above it: plain gradient descent at this η would diverge along the top eigenvector.'
          : `λmax is below it, by a factor of ${formatLoss(bound / Math.max(frame.max, 1e-12))}.`}
      </dd>
      <dt>λmin</dt>
      <dd data-testid="landscape-lambda-min">
        {formatLoss(frame.min)}
        {frame.min < 0 && (
          <strong className="landscape-saddle" data-testid="landscape-saddle">
            {' '}
            negative curvature: a saddle direction (the loss bends down along it)
          </strong>
        )}
      </dd>
      <dt>cost</dt>
      <dd>
        {frame.products} Hessian-vector products on {frame.batch} samples,{' '}
        {(frame.ms / 1000).toFixed(1)} s, at step {frame.step}
      </dd>
    </dl>
  );
}
