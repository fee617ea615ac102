// The page's one connection to the analysis worker (t-SNE and PCA maps), created on first use
// and shared by every map on the page: one map runs at a time, and starting one stops another.
import * as Comlink from 'comlink';
import type { AnalysisApi } from '../../workers/analysisApi';

let analysis: Comlink.Remote<AnalysisApi> | null = null;

export function getAnalysis(): Comlink.Remote<AnalysisApi> {
  if (analysis === null) {
    const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'layercake-analysis',
    });
    analysis = Comlink.wrap<AnalysisApi>(worker);
  }
  return analysis;
}
