/**
 * Training runs and saved models in IndexedDB, so a reload loses no work. One subscriber
 * (startRunStorage, started once in main.tsx) watches the runs slice and saves each run's
 * spec, config, status, metrics and elapsed time, and its latest weights after every epoch
 * and at the end; on start it restores the saved runs (a run cut short by the reload comes
 * back as 'stopped', marked interrupted). Damaged entries are skipped with a notice, never fatal.
 * Components do not write runs here; they only use the saved-model helpers below.
 */
import { createStore, del, get, keys, set } from 'idb-keyval';
import type { ModelSpec } from '../ml/model/spec';
import type { ModelSource } from '../worker/client';
import type { SerializedWeights } from '../worker/protocol';
import type { Run, RunStatus } from './slices/runs';
import type { Store } from './store';

/** The little of IndexedDB this module needs (tests pass an in-memory one). */
export interface KV {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export function idbKV(): KV {
  const store = createStore('nnlab-lab', 'kv');
  return {
    get: (k) => get(k, store),
    set: (k, v) => set(k, v, store),
    del: (k) => del(k, store),
    keys: async () => (await keys(store)).map(String),
  };
}

let sharedKV: KV | null = null;
/** The page's one IndexedDB handle for runs and saved models. */
export function labKV(): KV {
  return (sharedKV ??= idbKV());
}

const RUN = 'run:';
const WEIGHTS = 'weights:';
const MODEL = 'model:';
const MODEL_META = 'modelmeta:';
const ACTIVE = 'lab:active';
const LIVE: RunStatus[] = ['loading', 'running', 'paused'];
const STATUSES: RunStatus[] = [...LIVE, 'done', 'stopped', 'early-stopped', 'error'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown) => v === null || num(v);

function validSpec(s: unknown): s is ModelSpec {
  return isObj(s) && Array.isArray(s.inputShape) && s.inputShape.length === 3 && Array.isArray(s.layers) && s.layers.every((l) => isObj(l) && typeof l.type === 'string');
}

/** A stored run, checked field by field; null when it is damaged. */
export function validateRun(x: unknown): Run | null {
  if (!isObj(x) || x.v !== 1 || !isObj(x.run)) return null;
  const r = x.run;
  if (typeof r.id !== 'string' || !r.id || typeof r.owner !== 'string' || !validSpec(r.spec) || !isObj(r.config)) return null;
  if (!STATUSES.includes(r.status as RunStatus) || !num(r.startedAt) || !num(r.elapsedMs)) return null;
  if (!Array.isArray(r.batches) || !Array.isArray(r.epochs)) return null;
  const batchOk = (b: unknown) => isObj(b) && ['epoch', 'batch', 'step', 'loss', 'acc'].every((k) => num(b[k]));
  const epochOk = (e: unknown) => isObj(e) && ['epoch', 'loss', 'acc'].every((k) => num(e[k])) && numOrNull(e.valLoss) && numOrNull(e.valAcc);
  if (!r.batches.every(batchOk) || !r.epochs.every(epochOk)) return null;
  if (r.checkpoint !== undefined && !(isObj(r.checkpoint) && num(r.checkpoint.epochs) && num(r.checkpoint.savedAt))) return null;
  // Optional extras: a damaged one is dropped, the run kept.
  if (r.test !== undefined && !(isObj(r.test) && num(r.test.acc) && num(r.test.count))) delete r.test;
  const d = r.divergence;
  if (d !== undefined && !(isObj(d) && ['nan', 'exploded', 'chance'].includes(d.code as string) && ['epoch', 'loss', 'acc', 'chance'].every((k) => typeof d[k] === 'number'))) delete r.divergence;
  return r as unknown as Run;
}

/** Stored weights, checked against their own specs; null when damaged. */
export function validateWeights(x: unknown): SerializedWeights | null {
  if (!isObj(x) || !Array.isArray(x.specs) || !(x.data instanceof ArrayBuffer)) return null;
  let n = 0;
  for (const s of x.specs) {
    if (!isObj(s) || typeof s.name !== 'string' || !Array.isArray(s.shape) || !s.shape.every((d) => Number.isInteger(d) && d >= 0)) return null;
    if (s.dtype !== 'float32' && s.dtype !== 'int32' && s.dtype !== 'bool') return null;
    n += (s.shape as number[]).reduce((a, b) => a * b, 1);
  }
  return x.data.byteLength === n * 4 ? (x as unknown as SerializedWeights) : null;
}

export interface Restored {
  runs: Run[];
  /** Entries that could not be read (skipped, left in place). */
  corrupt: number;
  activeRunId: string | null;
}

/** Reads every saved run, oldest first; runs that were live come back 'stopped' and interrupted. */
export async function loadRuns(kv: KV): Promise<Restored> {
  const all = (await kv.keys()).filter((k) => k.startsWith(RUN));
  const runs: Run[] = [];
  let corrupt = 0;
  for (const k of all) {
    const run = validateRun(await kv.get(k).catch(() => undefined));
    if (!run || k !== RUN + run.id) {
      corrupt++;
      continue;
    }
    runs.push(LIVE.includes(run.status) ? { ...run, status: 'stopped', interrupted: true } : run);
  }
  runs.sort((a, b) => a.startedAt - b.startedAt);
  const active = await kv.get<string>(ACTIVE).catch(() => undefined);
  return { runs, corrupt, activeRunId: typeof active === 'string' && runs.some((r) => r.id === active) ? active : null };
}

export const saveRun = (kv: KV, run: Run) => kv.set(RUN + run.id, { v: 1, run });
export const saveWeights = (kv: KV, runId: string, w: SerializedWeights) => kv.set(WEIGHTS + runId, w);
export const loadWeights = async (kv: KV, runId: string) => validateWeights(await kv.get(WEIGHTS + runId).catch(() => undefined));
export async function deleteRun(kv: KV, runId: string) {
  await kv.del(RUN + runId);
  await kv.del(WEIGHTS + runId);
}

/** The client's model source: a run's spec from the store, its weights from IndexedDB. */
export function storedModelSource(kv: KV, store: { getState(): Store }): ModelSource {
  return async (runId) => {
    const run = store.getState().runs[runId];
    const weights = run ? await loadWeights(kv, runId) : null;
    return run && weights ? { spec: run.spec, weights } : null;
  };
}

// ---- saved models ----

export interface SavedModelMeta {
  id: string;
  name: string;
  savedAt: number;
  spec: ModelSpec;
  params: number;
  /** Final validation accuracy of the run it came from (null when unknown). */
  valAcc: number | null;
  fromRunId: string | null;
}

function validMeta(x: unknown): x is SavedModelMeta {
  return isObj(x) && typeof x.id === 'string' && typeof x.name === 'string' && num(x.savedAt) && validSpec(x.spec) && num(x.params) && numOrNull(x.valAcc);
}

export async function saveModel(kv: KV, meta: SavedModelMeta, weights: SerializedWeights) {
  await kv.set(MODEL + meta.id, weights);
  await kv.set(MODEL_META + meta.id, meta);
}

/** Saved models, newest first, and how many entries were damaged. */
export async function listModels(kv: KV): Promise<{ models: SavedModelMeta[]; corrupt: number }> {
  const ids = (await kv.keys()).filter((k) => k.startsWith(MODEL_META));
  const models: SavedModelMeta[] = [];
  let corrupt = 0;
  for (const k of ids) {
    const m = await kv.get(k).catch(() => undefined);
    if (validMeta(m)) models.push(m);
    else corrupt++;
  }
  return { models: models.sort((a, b) => b.savedAt - a.savedAt), corrupt };
}

export async function loadSavedModel(kv: KV, id: string): Promise<{ meta: SavedModelMeta; weights: SerializedWeights } | null> {
  const meta = await kv.get(MODEL_META + id).catch(() => undefined);
  const weights = validateWeights(await kv.get(MODEL + id).catch(() => undefined));
  return validMeta(meta) && weights ? { meta, weights } : null;
}

export async function deleteModel(kv: KV, id: string) {
  await kv.del(MODEL_META + id);
  await kv.del(MODEL + id);
}

// ---- the one subscriber ----

interface StoreApi {
  getState(): Store;
  subscribe(listener: (state: Store, prev: Store) => void): () => void;
}

export interface RunStorageDeps {
  kv?: KV;
  /** The worker's current weights of a run (client.getWeights). */
  getWeights(runId: string): Promise<SerializedWeights>;
  /** Batch-only changes are saved at most this often (ms). Default 1,500. */
  throttleMs?: number;
}

const sig = (r: Run) => `${r.status}|${r.epochs.length}|${r.batches.length}|${r.elapsedMs}|${r.name ?? ''}|${r.checkpoint?.savedAt ?? ''}|${r.interrupted ?? ''}|${r.test?.acc ?? ''}|${r.divergence?.code ?? ''}`;
const urgentSig = (r: Run) => `${r.status}|${r.epochs.length}|${r.name ?? ''}|${r.checkpoint?.savedAt ?? ''}`;

/**
 * Restores saved runs into the store, then keeps IndexedDB in step with the runs slice.
 * `ready` resolves after the restore; `flush` writes pending changes now (tests, pagehide).
 */
export function startRunStorage(store: StoreApi, deps: RunStorageDeps) {
  const kv = deps.kv ?? idbKV();
  const throttle = deps.throttleMs ?? 1500;
  const saved = new Map<string, { all: string; urgent: string }>();
  const dirty = new Set<string>();
  /** Runs seen live in this session (only they have a model in the worker to save weights from). */
  const live = new Set<string>();
  const weightsAt = new Map<string, number>();
  const finalSaved = new Set<string>();
  const chains = new Map<string, Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failedOnce = false;

  const report = (e: unknown) => {
    if (failedOnce) return;
    failedOnce = true;
    store.getState().pushNotice({ kind: 'warning', code: 'runsSaveFailed', detail: e instanceof Error ? e.message : String(e) });
  };
  /** Runs jobs for one run in order, so an older write never lands after a newer one. */
  const chain = (id: string, job: () => Promise<void>) => {
    const p = (chains.get(id) ?? Promise.resolve()).then(job).catch(report);
    chains.set(id, p);
    return p;
  };

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const ids = [...dirty];
    dirty.clear();
    await Promise.all(
      ids.map((id) =>
        chain(id, async () => {
          const run = store.getState().runs[id];
          if (run) await saveRun(kv, run);
        }),
      ),
    );
  };
  const schedule = (urgent: boolean) => {
    if (urgent) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), 0);
    } else if (!timer) timer = setTimeout(() => void flush(), throttle);
  };

  const saveWeightsOf = (id: string, epochs: number) =>
    chain(id, async () => {
      // A worker that no longer has the model (restarted on another backend) just leaves the older checkpoint.
      const w = await deps.getWeights(id).catch(() => null);
      if (!w || !store.getState().runs[id]) return;
      await saveWeights(kv, id, w);
      store.getState().patchRun(id, { checkpoint: { epochs, savedAt: Date.now() } });
    });

  const onRuns = (runs: Record<string, Run>, prev: Record<string, Run>) => {
    let urgent = false;
    for (const [id, run] of Object.entries(runs)) {
      if (LIVE.includes(run.status)) live.add(id);
      const s = { all: sig(run), urgent: urgentSig(run) };
      const old = saved.get(id);
      if (old?.all !== s.all) {
        dirty.add(id);
        urgent ||= old?.urgent !== s.urgent;
        saved.set(id, s);
      }
      if (!live.has(id)) continue;
      const ended = run.status === 'done' || run.status === 'stopped' || run.status === 'early-stopped';
      if (ended && !finalSaved.has(id)) {
        finalSaved.add(id);
        weightsAt.set(id, run.epochs.length);
        void saveWeightsOf(id, run.epochs.length);
      } else if (!ended && run.epochs.length > (weightsAt.get(id) ?? 0)) {
        weightsAt.set(id, run.epochs.length);
        void saveWeightsOf(id, run.epochs.length);
      }
    }
    for (const id of Object.keys(prev)) {
      if (runs[id]) continue;
      saved.delete(id);
      dirty.delete(id);
      void chain(id, () => deleteRun(kv, id));
    }
    if (dirty.size) schedule(urgent);
  };

  let unsubscribe = () => {};
  const ready = (async () => {
    try {
      const r = await loadRuns(kv);
      const s = store.getState();
      for (const run of r.runs) {
        // Interrupted runs are written back as 'stopped'; the rest are already saved as they are.
        saved.set(run.id, run.interrupted && !s.runs[run.id] ? { all: '', urgent: '' } : { all: sig(run), urgent: urgentSig(run) });
      }
      const fresh = r.runs.filter((run) => !s.runs[run.id]);
      if (fresh.length) s.restoreRuns(fresh);
      if (r.corrupt) s.pushNotice({ kind: 'warning', code: 'runsCorrupted', detail: String(r.corrupt) });
      if (!store.getState().lab.activeRunId) {
        const withWeights = [...fresh].reverse().find((run) => run.checkpoint);
        const active = r.activeRunId ?? withWeights?.id ?? null;
        if (active) s.setActiveRun(active);
      }
    } catch (e) {
      report(e);
    }
    unsubscribe = store.subscribe((state, prev) => {
      if (state.runs !== prev.runs) onRuns(state.runs, prev.runs);
      if (state.lab.activeRunId !== prev.lab.activeRunId) {
        const id = state.lab.activeRunId;
        void (id ? kv.set(ACTIVE, id) : kv.del(ACTIVE)).catch(report);
      }
    });
    // Interrupted runs restored above are rewritten as 'stopped'.
    onRuns(store.getState().runs, {});
  })();

  return {
    ready,
    async flush() {
      await ready;
      await flush();
      await Promise.all(chains.values());
    },
    stop() {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}
