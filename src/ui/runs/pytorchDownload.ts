// "Export PyTorch": the experiment as a PyTorch script (src/engine/export/pytorch.ts), saved as
// <name>.py. A toy set's points come from the worker, as the data panel's preview draws them,
// since the script cannot redraw LayerCake's seeded sets.
import type { ToyPoints } from '../../engine/export/pytorch';
import { pytorchFileName, pytorchScript } from '../../engine/export/pytorch';
import type { ExperimentSpec } from '../../engine/spec/schema';
import { getEngine } from '../app/engineClient';
import { downloadBlob } from '../train/download';

export async function downloadPytorchScript(
  spec: ExperimentSpec,
): Promise<{ ok: boolean; text: string }> {
  try {
    let toy: ToyPoints | null = null;
    if (spec.data.dataset === 'toy') {
      const points = await getEngine().previewSamples(spec.data, spec.train.seed, 0);
      if (points.kind === 'error') return { ok: false, text: points.message };
      if (points.kind !== 'points') return { ok: false, text: 'The toy set gave no points.' };
      toy = points;
    }
    const file = pytorchFileName(spec.name);
    downloadBlob(new Blob([pytorchScript(spec, toy)], { type: 'text/x-python' }), file);
    return {
      ok: true,
      text: `Saved ${file}: the model, data, optimiser, schedule and training loop for PyTorch.`,
    };
  } catch (error) {
    return { ok: false, text: error instanceof Error ? error.message : String(error) };
  }
}
