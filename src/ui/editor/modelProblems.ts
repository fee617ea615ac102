// The model's problems as the editor sees them: one shape report per model object (cached,
// since the canvas, the inspector, the problems list and the run controls all ask).
import { inferShapes, type Problem, type ShapeReport } from '../../engine/spec/inferShapes';
import type { ExperimentSpec, ModelSpec } from '../../engine/spec/schema';

const reports = new WeakMap<ModelSpec, ShapeReport>();

/** inferShapes for this exact model object; the store replaces the object on every change. */
export function shapeReport(model: ModelSpec): ShapeReport {
  let report = reports.get(model);
  if (!report) {
    report = inferShapes(model);
    reports.set(model, report);
  }
  return report;
}

/** Every error and warning of the spec's model, errors first. */
export function modelProblems(spec: ExperimentSpec): Problem[] {
  const { problems } = shapeReport(spec.model);
  return [
    ...problems.filter((p) => p.severity === 'error'),
    ...problems.filter((p) => p.severity === 'warning'),
  ];
}
