// Dense linear algebra on the CPU.
// PLACEHOLDER: being written in this session; every function below is replaced.
import type { MatmulParams, SumRowsParams } from '../backend';

export function matmul(_p: MatmulParams): void {
  throw new Error('cpu kernel matmul: not written yet');
}

export function sumRows(_p: SumRowsParams): void {
  throw new Error('cpu kernel sumRows: not written yet');
}

