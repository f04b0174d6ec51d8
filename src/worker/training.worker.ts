/// <reference lib="webworker" />
/**
 * The training worker: a thin shell around Runner (runner.ts), which holds the logic.
 * Created by client.ts as a module worker.
 */
import * as tf from '@tensorflow/tfjs';
import { idbBytesCache } from '../ml/data/idbCache';
import { loadManifest, loadSplit } from '../ml/data/loader';
import { activateBackend, idbProbeCache, loseGpuBackend, selectBackend, watchBackendHealth } from '../ml/backends/select';
import type { BackendName, WorkerCommand, WorkerEvent } from './protocol';
import { Runner } from './runner';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (ev: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(ev, transfer);
let wasmUrl = '';

const runner = new Runner({
  post,
  selectBackend: (choice, url) => {
    wasmUrl = url;
    return selectBackend({ choice, wasmUrl: url, cache: idbProbeCache() });
  },
  activateBackend: (name) => activateBackend(name, wasmUrl),
  watchBackend: watchBackendHealth,
  async loadTrain(dataUrl, limit, onProgress) {
    const cache = idbBytesCache();
    const manifest = await loadManifest({ baseUrl: dataUrl });
    return loadSplit(manifest, 'train', { baseUrl: dataUrl, cache, limit, onProgress });
  },
  async loadTest(dataUrl, onProgress) {
    const manifest = await loadManifest({ baseUrl: dataUrl });
    return loadSplit(manifest, 'test', { baseUrl: dataUrl, cache: idbBytesCache(), onProgress });
  },
});

scope.onmessage = (e: MessageEvent<WorkerCommand>) => {
  void runner.handle(e.data);
};

// Last line of defence: nothing may escape as an unhandled exception.
scope.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  post({ type: 'error', code: 'internal', detail: String(e.reason?.message ?? e.reason) });
});
scope.addEventListener('error', (e) => {
  e.preventDefault();
  post({ type: 'error', code: 'internal', detail: e.message });
});

// For end-to-end tests only: a driver (Playwright's worker.evaluate) can simulate a GPU reset.
// Page scripts cannot reach a worker's globals, so embedding pages cannot call this.
(scope as unknown as { nnlabLoseGpu: () => boolean }).nnlabLoseGpu = () => loseGpuBackend(tf.getBackend() as BackendName);
