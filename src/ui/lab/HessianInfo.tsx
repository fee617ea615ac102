// The Hessian at the start point and what its eigenvalues mean for the race: a saddle when
// λmin < 0, the best and the largest stable learning rates of gradient descent.
import type { Hessian2 } from '../../engine/analysis/surfaces/index';
import type { Curvature } from './curvatureMarks';

const f = (v: number) =>
  Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3)
    ? v.toExponential(2)
    : Number(v.toPrecision(3)).toString();

export function HessianInfo({ h, c }: { h: Hessian2; c: Curvature }) {
  return (
    <div className="lab-hessian" data-testid="lab-hessian">
      <div className="lab-subtitle">
        {c.global ? 'Hessian (the same everywhere)' : 'Hessian at the start point'}
      </div>
      <div className="lab-matrix">
        H = [[{f(h.h11)}, {f(h.h12)}], [{f(h.h12)}, {f(h.h22)}]]
      </div>
      <div>
        λmax = {f(c.lambdaMax)}, λmin = {f(c.lambdaMin)}
        {c.lambdaMin < 0 && c.lambdaMax > 0 && (
          <b className="lab-saddle"> — a saddle: curvature of both signs</b>
        )}
        {c.lambdaMin < 0 && c.lambdaMax <= 0 && (
          <b className="lab-saddle"> — curving down in every direction</b>
        )}
      </div>
      {c.lambdaMax > 0 && (
        <div className="lab-note">
          Gradient descent: fastest along v₁ at η = 1/λmax = {f(1 / c.lambdaMax)}
          {c.lambdaMin > 0 && <>, along v₂ at η = 1/λmin = {f(1 / c.lambdaMin)}</>}; diverges above
          η = 2/λmax = {f(2 / c.lambdaMax)}
          {c.global ? '.' : ' (if the curvature stayed as it is here).'}
        </div>
      )}
    </div>
  );
}
