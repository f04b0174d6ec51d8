/**
 * The training client: the only code that holds the Worker. Panels call its methods;
 * events flow out through `subscribe` to the bridge (bridge.ts), which updates the store.
 */
import type { ActivationsResult } from '../ml/inspect/activations';
import type { EvalResult } from '../ml/inspect/metrics';
import type { ModelSpec } from '../ml/model/spec';
import type { TrainConfig } from '../ml/train/types';
import { CMD, type BackendChoice, type SerializedWeights, type WorkerCommand, type WorkerErrorCode, type WorkerEvent } from './protocol';

type Listener = (ev: WorkerEvent) => void;

/** Where the client finds a model the worker no longer (or never) had: IndexedDB, after a reload. */
export type ModelSource = (runId: string) => Promise<{ spec: ModelSpec; weights: SerializedWeights } | null>;

/** A request the worker answered with an error; the message keeps the `code: detail` form. */
export class RequestError extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface TrainingClient {
  start(spec: ModelSpec, config: TrainConfig, initialWeights?: SerializedWeights): string;
  pause(runId: string): void;
  resume(runId: string): void;
  stop(runId: string): void;
  getWeights(runId: string): Promise<SerializedWeights>;
  predict(runId: string, images: Uint8Array, count: number): Promise<Float32Array>;
  /** Evaluates a run's model on the test split in the worker; `onProgress` sees the download, then the images. */
  evaluate(runId: string, opts?: { limit?: number; onProgress?(phase: 'data' | 'eval', done: number, total: number): void }): Promise<EvalResult>;
  /** Conv/pool outputs and first-layer filters for one uint8 28×28 image. */
  activations(runId: string, image: Uint8Array): Promise<ActivationsResult>;
  /** Makes a finished model (restored, imported, saved) available in the worker under `runId`. */
  loadModel(runId: string, spec: ModelSpec, weights: SerializedWeights): Promise<void>;
  /**
   * When a request names a run the worker has no model for (after a reload, a worker restart,
   * or when it pruned old runs), the client asks `source` for it, loads it and retries once.
   */
  setModelSource(source: ModelSource | null): void;
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
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void; quiet?: boolean }>();
  let modelSource: ModelSource | null = null;
  const reloading = new Map<string, Promise<boolean>>();
  const progress = new Map<string, (phase: 'data' | 'eval', done: number, total: number) => void>();
  let worker: Worker;

  const emit = (ev: WorkerEvent) => listeners.forEach((l) => l(ev));
  const send = (cmd: WorkerCommand, transfer: Transferable[] = []) => worker.postMessage(cmd, transfer);

  function boot(choice: BackendChoice) {
    worker = makeWorker();
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
      const ev = e.data;
      if (ev.type === 'evalProgress') return progress.get(ev.requestId)?.(ev.phase, ev.done, ev.total);
      if (ev.type === 'evaluation' || ev.type === 'activationMaps') {
        const p = pending.get(ev.requestId);
        pending.delete(ev.requestId);
        return p?.resolve(ev.result);
      }
      if ((ev.type === 'weights' || ev.type === 'prediction' || ev.type === 'modelLoaded' || ev.type === 'error') && ev.requestId) {
        const p = pending.get(ev.requestId);
        pending.delete(ev.requestId);
        if (ev.type === 'weights') p?.resolve(ev.weights);
        else if (ev.type === 'prediction') p?.resolve(ev.probs);
        else if (ev.type === 'modelLoaded') p?.resolve(undefined);
        else p?.reject(new RequestError(ev.code, ev.detail));
        // A missing model that the client will reload is not worth a notice.
        if (ev.type !== 'error' || (p?.quiet && ev.code === 'unknown-run')) return;
      }
      emit(ev);
    };
    worker.onerror = (e) => emit({ type: 'error', code: 'internal', detail: e.message || 'worker failed to load' });
    send({ type: CMD.init, dataUrl: assetUrl('data/mnist/'), wasmUrl: assetUrl('tfjs-wasm/'), backend: choice });
  }

  function once<T>(cmd: WorkerCommand & { requestId: string }, transfer: Transferable[], quiet: boolean) {
    return new Promise<T>((resolve, reject) => {
      pending.set(cmd.requestId, { resolve: resolve as (v: unknown) => void, reject, quiet });
      send(cmd, transfer);
    });
  }

  /** Loads a run's model from the model source (once at a time per run); false when there is none. */
  function reload(runId: string): Promise<boolean> {
    let p = reloading.get(runId);
    if (!p) {
      const source = modelSource;
      p = (async () => {
        const m = source ? await source(runId).catch(() => null) : null;
        if (!m) return false;
        await once<void>({ type: CMD.loadModel, requestId: newId('m'), runId, spec: m.spec, weights: m.weights }, [], false);
        return true;
      })().finally(() => reloading.delete(runId));
      reloading.set(runId, p);
    }
    return p;
  }

  /** Sends a request; a run-scoped one whose model is missing is reloaded and retried once. */
  async function request<T>(cmd: WorkerCommand & { requestId: string }, transfer: Transferable[] = []): Promise<T> {
    const runId = 'runId' in cmd && cmd.type !== CMD.loadModel ? cmd.runId : null;
    const retry = runId !== null && modelSource !== null && transfer.length === 0;
    try {
      return await once<T>(cmd, transfer, retry);
    } catch (e) {
      if (!retry || !(e instanceof RequestError) || e.code !== 'unknown-run') throw e;
      if (!(await reload(runId).catch(() => false))) {
        emit({ type: 'error', code: e.code, detail: e.detail, requestId: cmd.requestId });
        throw e;
      }
      return once<T>(cmd, transfer, false);
    }
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
    evaluate(runId, opts = {}) {
      const requestId = newId('e');
      if (opts.onProgress) progress.set(requestId, opts.onProgress);
      return request<EvalResult>({ type: CMD.evaluate, requestId, runId, limit: opts.limit }).finally(() => progress.delete(requestId));
    },
    activations: (runId, image) => request<ActivationsResult>({ type: CMD.activations, requestId: newId('a'), runId, image }),
    loadModel: (runId, spec, weights) => once<void>({ type: CMD.loadModel, requestId: newId('m'), runId, spec, weights }, [], false),
    setModelSource(source) {
      modelSource = source;
    },
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
