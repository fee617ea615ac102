// Every conformance case, grouped by kernel family.
import type { ConformanceCase } from './runner';
import { linearCases } from './linear';
import { convolutionCases } from './convolution';
import { elementwiseCases } from './elementwise';
import { lossCases } from './losses';
import { regularizeCases } from './regularize';
import { optimCases } from './optim';
import { dataCases } from './data';
import { tsneCases } from './tsne';
import { embeddingCases } from './embedding';

export const conformanceCases: ConformanceCase[] = [
  ...dataCases,
  ...elementwiseCases,
  ...linearCases,
  ...convolutionCases,
  ...lossCases,
  ...regularizeCases,
  ...optimCases,
  ...embeddingCases,
  ...tsneCases,
];

export { runCase, type CaseResult, type ConformanceCase } from './runner';
