// The sizes of the chosen data set's splits: for CIFAR-10 those of the archive the worker last
// read (any subset of the batches), else what the spec implies.
import { dataSplitSizes } from '../../engine/data/fit';
import { useAppStore } from '../store/store';

export function useDataSplits(): { train: number; test: number } {
  const data = useAppStore((s) => s.spec.data);
  const cifar = useAppStore((s) => s.cifarSplits);
  return data.dataset === 'cifar10' && cifar !== null ? cifar : dataSplitSizes(data);
}
