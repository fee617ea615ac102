import { loadBenchMnist } from './benchData';
import { runTfjs, useTfjsBackend } from './tfjsEngine';
const data = await loadBenchMnist();
for (const b of ['cpu', 'wasm'] as const) {
  const init = await useTfjsBackend(b);
  for (const model of ['mlp', 'lenet5'] as const) {
    const steps = model === 'mlp' ? 100 : 30;
    const r = await runTfjs(data, { model, batch: 64, warmup: 5, steps, evaluate: model === 'mlp', seed: 1 }, init);
    console.log(b, model, JSON.stringify(r));
  }
}
