// The page's one connection to the training worker. Created on first use; every batch of
// events the worker sends goes straight into the store.
import * as Comlink from 'comlink';
import type { EngineEvent } from '../../engine/train/events';
import type { EngineApi } from '../../workers/engineApi';
import { recordRunEvents } from '../runs/runRecorder';
import { useAppStore } from '../store/store';

let engine: Comlink.Remote<EngineApi> | null = null;

export function getEngine(): Comlink.Remote<EngineApi> {
  if (engine === null) {
    const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'layercake-engine',
    });
    worker.addEventListener('error', (e) => {
      useAppStore.getState().applyEngineEvents([
        {
          type: 'error',
          kind: 'internal',
          message: `The training worker failed: ${e.message || 'it could not start'}.`,
        },
        { type: 'status', state: 'failed', message: 'The training worker stopped.' },
      ]);
    });
    engine = Comlink.wrap<EngineApi>(worker);
    exposeTestHooks(engine);
    void engine.subscribe(
      Comlink.proxy((events: EngineEvent[]) => {
        useAppStore.getState().applyEngineEvents(events);
        useAppStore.getState().applyBoundaryEvents(events);
        useAppStore.getState().applyInsightEvents(events);
        useAppStore.getState().applyCurvatureEvents(events);
        recordRunEvents(events);
      }),
    );
  }
  return engine;
}

/** What the browser tests (and a curious person at the console) can ask the worker directly. */
export interface LayerCakeTestHooks {
  /** Runs every kernel conformance case on the browser's WebGPU, in the worker. */
  selfTest: EngineApi['selfTest'];
  /** Destroys the worker's GPU device, as a driver reset would. */
  loseDevice: EngineApi['debugLoseDevice'];
}

function exposeTestHooks(remote: Comlink.Remote<EngineApi>): void {
  const hooks: LayerCakeTestHooks = {
    selfTest: () => remote.selfTest(),
    loseDevice: () => remote.debugLoseDevice(),
  };
  (globalThis as { layercake?: LayerCakeTestHooks }).layercake = hooks;
}
