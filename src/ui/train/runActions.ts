// What the run controls do, as plain functions the buttons and shortcuts share.
import type { ExperimentSpec } from '../../engine/spec/schema';
import type { TemplateName } from '../../engine/spec/templates';
import type { RunState } from '../../engine/train/events';
import { getEngine } from '../app/engineClient';
import { sameComputation } from '../editor/sameComputation';
import { noteRunSpec } from '../runs/runRecorder';
import { useAppStore, type AppState } from '../store/store';
import { trainingProblems } from './specEdits';
import { trainAvailability } from './trainAvailability';

/** The spec the worker holds (as sent), to tell a change that needs a new run from one that does not. */
let loadedSpec: ExperimentSpec | null = null;
/** Bumped by every load: a load overtaken by a newer one does not mark its spec as the loaded one. */
let loadTicket = 0;

/**
 * Whether the worker's run is not of the current spec. Only what the model computes, the data
 * and the training recipe count: smoothing, the chart's axis or a node moved on the canvas
 * change the view, not the run. Edits are immutable, so an undo back to the loaded state gives
 * back the very same objects.
 */
export function runSpecChanged(
  state: Pick<AppState, 'spec' | 'specVersion' | 'loadedSpecVersion'> = useAppStore.getState(),
): boolean {
  const { spec, specVersion, loadedSpecVersion } = state;
  if (specVersion === loadedSpecVersion) return false;
  const loaded = loadedSpec;
  return (
    loaded === null ||
    !sameComputation(loaded.model, spec.model) ||
    loaded.data !== spec.data ||
    loaded.train !== spec.train
  );
}

/**
 * Sends the store's spec to the worker, which loads its data and compiles it. True when it is
 * ready to train (false: it failed, or a newer load overtook it).
 */
export async function loadCurrentSpec(): Promise<boolean> {
  const store = useAppStore.getState();
  store.clearRun();
  const version = store.specVersion;
  const spec = store.spec;
  const ticket = ++loadTicket;
  const result = await getEngine().load(spec);
  if (ticket !== loadTicket) return false;
  loadedSpec = spec;
  noteRunSpec(spec);
  useAppStore.getState().markSpecLoaded(version);
  if (result.ok) {
    const { totalSteps, stepsPerEpoch, backend } = result;
    useAppStore.getState().setRunSize({ totalSteps, stepsPerEpoch, backend });
    if (spec.data.dataset === 'cifar10')
      useAppStore
        .getState()
        .setCifarSplits({ train: result.trainSamples, test: result.testSamples });
  }
  return result.ok;
}

export async function chooseTemplate(name: TemplateName): Promise<void> {
  const store = useAppStore.getState();
  if (store.templateName === name && store.run.state !== 'failed') return;
  store.chooseTemplate(name);
  await loadCurrentSpec();
}

/** Whether Train (or Step) can be pressed now, and why not. */
export function currentTrainAvailability() {
  const { run, spec } = useAppStore.getState();
  return trainAvailability(run.state, runSpecChanged(), trainingProblems(spec.model, spec.data));
}

export function canReset(state: RunState): boolean {
  return state !== 'idle' && state !== 'loading' && state !== 'compiling';
}

/** Loads the current spec first when the worker holds another; true when a run is ready. */
async function ensureLoaded(): Promise<boolean> {
  if (!currentTrainAvailability().enabled) return false;
  // The load's answer, not the store: the worker's status events travel on another channel
  // and may arrive after it.
  if (runSpecChanged()) return loadCurrentSpec();
  const state = useAppStore.getState().run.state;
  return state === 'ready' || state === 'paused';
}

export async function train(): Promise<void> {
  if (await ensureLoaded()) await getEngine().start();
}

export async function pause(): Promise<void> {
  if (useAppStore.getState().run.state === 'training') await getEngine().pause();
}

export async function toggleTraining(): Promise<void> {
  const state = useAppStore.getState().run.state;
  if (state === 'training') await pause();
  else await train();
}

export async function step(n = 1): Promise<void> {
  if (await ensureLoaded()) await getEngine().step(n);
}

export async function reset(): Promise<void> {
  const state = useAppStore.getState().run.state;
  if (state === 'failed' || runSpecChanged()) await loadCurrentSpec();
  else if (canReset(state)) await getEngine().reset();
}

/** Test loss and accuracy now, on the whole test split (the result arrives as an eval event). */
export async function evaluateNow(): Promise<void> {
  const state = useAppStore.getState().run.state;
  if (state === 'ready' || state === 'paused' || state === 'finished' || state === 'training')
    await getEngine().evaluate();
}
