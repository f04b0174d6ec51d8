/**
 * The training client: the only code that holds the Worker. Panels call its methods;
 * events flow out through `subscribe` to the bridge (bridge.ts), which updates the store.
 */
import type { ModelSpec } from '../ml/model/spec';
import type { TrainConfig } from '../ml/train/types';
import { CMD, type BackendChoice, type SerializedWeights, type WorkerCommand, type WorkerEvent } from './protocol';

type Listener = (ev: WorkerEvent) => void;

export interface TrainingClient {
  start(spec: ModelSpec, config: TrainConfig, initialWeights?: SerializedWeights): string;
  pause(runId: string): void;
  resume(runId: string): void;
  stop(runId: string): void;
  getWeights(runId: string): Promise<SerializedWeights>;
  predict(runId: string, images: Uint8Array, count: number): Promise<Float32Array>;
  /** Restarts the worker on another backend choice. */
  setBackend(choice: BackendChoice): void;
  subscribe(fn: Listener): () => void;
}

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Where the built site serves its static assets, relative to the page. */
function assetUrl(path: string) {
  return new URL(path, document.baseURI).href;
}

export function createTrainingClient(backend: BackendChoice, makeWorker = defaultWorker): TrainingClient {
  const listeners = new Set<Listener>();
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void }>();
  let worker: Worker;

  const emit = (ev: WorkerEvent) => listeners.forEach((l) => l(ev));
  const send = (cmd: WorkerCommand, transfer: Transferable[] = []) => worker.postMessage(cmd, transfer);

  function boot(choice: BackendChoice) {
    worker = makeWorker();
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
      const ev = e.data;
      if ((ev.type === 'weights' || ev.type === 'prediction' || ev.type === 'error') && ev.requestId) {
        const p = pending.get(ev.requestId);
        pending.delete(ev.requestId);
        if (ev.type === 'weights') p?.resolve(ev.weights);
        else if (ev.type === 'prediction') p?.resolve(ev.probs);
        else p?.reject(new Error(`${ev.code}: ${ev.detail}`));
        if (ev.type !== 'error') return;
      }
      emit(ev);
    };
    worker.onerror = (e) => emit({ type: 'error', code: 'internal', detail: e.message || 'worker failed to load' });
    send({ type: CMD.init, dataUrl: assetUrl('data/mnist/'), wasmUrl: assetUrl('tfjs-wasm/'), backend: choice });
  }

  function request<T>(cmd: WorkerCommand & { requestId: string }, transfer: Transferable[] = []) {
    return new Promise<T>((resolve, reject) => {
      pending.set(cmd.requestId, { resolve: resolve as (v: unknown) => void, reject });
      send(cmd, transfer);
    });
  }

  boot(backend);
  return {
    start(spec, config, initialWeights) {
      const runId = newId('run');
      send({ type: CMD.train, runId, spec, config, initialWeights });
      return runId;
    },
    pause: (runId) => send({ type: CMD.pause, runId }),
    resume: (runId) => send({ type: CMD.resume, runId }),
    stop: (runId) => send({ type: CMD.stop, runId }),
    getWeights: (runId) => request<SerializedWeights>({ type: CMD.getWeights, requestId: newId('w'), runId }),
    predict: (runId, images, count) =>
      request<Float32Array>({ type: CMD.predict, requestId: newId('p'), runId, images, count }),
    setBackend(choice) {
      worker.terminate();
      pending.forEach((p) => p.reject(new Error('worker restarted')));
      pending.clear();
      boot(choice);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

function defaultWorker() {
  return new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'nnlab-training' });
}
