// What the run controls do, as plain functions the buttons and shortcuts share.
import type { TemplateName } from '../../engine/spec/templates';
import { getEngine } from '../app/engineClient';
import { useAppStore } from '../store/store';
import type { RunState } from '../../engine/train/events';

/** Sends the store's spec to the worker, which loads its data and compiles it. */
export async function loadCurrentSpec(): Promise<void> {
  const store = useAppStore.getState();
  store.clearRun();
  const version = store.specVersion;
  const result = await getEngine().load(store.spec);
  useAppStore.getState().markSpecLoaded(version);
  if (result.ok) useAppStore.getState().setRunSize(result.totalSteps, result.backend);
}

export async function chooseTemplate(name: TemplateName): Promise<void> {
  const store = useAppStore.getState();
  if (store.templateName === name && store.run.state !== 'failed') return;
  store.chooseTemplate(name);
  await loadCurrentSpec();
}

export function canTrain(state: RunState): boolean {
  return state === 'ready' || state === 'paused';
}

export function canReset(state: RunState): boolean {
  return state !== 'idle' && state !== 'loading' && state !== 'compiling';
}

export async function train(): Promise<void> {
  if (canTrain(useAppStore.getState().run.state)) await getEngine().start();
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
  if (canTrain(useAppStore.getState().run.state)) await getEngine().step(n);
}

export async function reset(): Promise<void> {
  const state = useAppStore.getState().run.state;
  if (state === 'failed') await loadCurrentSpec();
  else if (canReset(state)) await getEngine().reset();
}
