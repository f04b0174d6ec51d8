import { describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import { SEED_CNN } from '../ml/model/spec';
import { DEFAULT_TRAIN_CONFIG, type BatchMetrics, type EpochMetrics } from '../ml/train/types';
import type { SerializedWeights } from '../worker/protocol';
import {
  deleteModel,
  listModels,
  loadRuns,
  loadSavedModel,
  loadWeights,
  saveModel,
  saveRun,
  startRunStorage,
  storedModelSource,
  validateWeights,
  type KV,
} from './runStorage';
import { createEngineSlice } from './slices/engine';
import { createLabSlice } from './slices/lab';
import { createRunsSlice, type Run } from './slices/runs';
import type { Store } from './store';

/** In-memory KV that copies values the way IndexedDB does. */
function memoryKV() {
  const m = new Map<string, unknown>();
  const kv: KV & { m: Map<string, unknown> } = {
    m,
    get: async <T,>(k: string) => structuredClone(m.get(k)) as T | undefined,
    set: async (k, v) => void m.set(k, structuredClone(v)),
    del: async (k) => void m.delete(k),
    keys: async () => [...m.keys()],
  };
  return kv;
}

function makeStore() {
  return create<Store>()((...a) => ({ ...createEngineSlice(...a), ...createRunsSlice(...a), ...createLabSlice(...a) }) as Store);
}

const weights = (v: number): SerializedWeights => ({ specs: [{ name: 'w', shape: [2, 3], dtype: 'float32' }], data: new Float32Array(6).fill(v).buffer });
const batch = (step: number, loss: number): BatchMetrics => ({ epoch: 0, batch: step, step, loss, acc: 0.5, lr: 0.001, imagesPerSec: 300 });
const epoch = (e: number, valAcc: number): EpochMetrics => ({ epoch: e, loss: 0.3, acc: 0.9, valLoss: 0.2, valAcc, seconds: 10, imagesPerSec: 300 });

function run(id: string, patch: Partial<Run> = {}): Run {
  return {
    id, owner: 'mnist-trainer', spec: SEED_CNN, config: DEFAULT_TRAIN_CONFIG, status: 'done', backend: 'wasm', trainCount: 1800, valCount: 200,
    stepsPerEpoch: 29, startedAt: 1000, elapsedMs: 5000, batches: [batch(0, 2.3), batch(1, 1.9)], epochs: [epoch(0, 0.91)], ...patch,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('loadRuns', () => {
  it('restores runs oldest first; a run cut short by a reload comes back stopped and interrupted', async () => {
    const kv = memoryKV();
    await saveRun(kv, run('b', { startedAt: 2000, status: 'running' }));
    await saveRun(kv, run('a', { startedAt: 1000, status: 'done' }));
    await kv.set('lab:active', 'b');
    const r = await loadRuns(kv);
    expect(r.runs.map((x) => [x.id, x.status, x.interrupted])).toEqual([
      ['a', 'done', undefined],
      ['b', 'stopped', true],
    ]);
    expect(r.runs[1].batches).toEqual([batch(0, 2.3), batch(1, 1.9)]);
    expect(r.corrupt).toBe(0);
    expect(r.activeRunId).toBe('b');
  });

  it('skips damaged entries and counts them', async () => {
    const kv = memoryKV();
    await saveRun(kv, run('good'));
    await kv.set('run:junk', 'not an object');
    await kv.set('run:old', { v: 0, run: run('old') });
    await kv.set('run:nan', { v: 1, run: { ...run('nan'), epochs: [{ epoch: 0, loss: 'x' }] } });
    await kv.set('run:other', { v: 1, run: run('mismatched-id') });
    await kv.set('lab:active', 'gone');
    const r = await loadRuns(kv);
    expect(r.runs.map((x) => x.id)).toEqual(['good']);
    expect(r.corrupt).toBe(4);
    expect(r.activeRunId).toBeNull();
  });
});

describe('loadRuns: optional extras', () => {
  it('keeps a run’s test accuracy and divergence verdict, and drops damaged ones without losing the run', async () => {
    const kv = memoryKV();
    const d = { code: 'exploded', epoch: 0, startLoss: 2.3, loss: 13, acc: 0.11, chance: 0.1 } as const;
    await saveRun(kv, run('a', { startedAt: 1, test: { acc: 0.98, count: 10000 }, divergence: d }));
    await kv.set('run:b', { v: 1, run: { ...run('b'), startedAt: 2, test: { acc: 'high' }, divergence: { code: 'weird' } } });
    const r = await loadRuns(kv);
    expect(r.runs.map((x) => [x.id, x.test, x.divergence])).toEqual([
      ['a', { acc: 0.98, count: 10000 }, d],
      ['b', undefined, undefined],
    ]);
  });
});

describe('weights and the model source', () => {
  it('validates weights against their specs', async () => {
    expect(validateWeights(weights(1))).not.toBeNull();
    expect(validateWeights({ ...weights(1), data: new ArrayBuffer(20) })).toBeNull();
    expect(validateWeights({ specs: [{ name: 'w', shape: [-1], dtype: 'float32' }], data: new ArrayBuffer(0) })).toBeNull();
    expect(validateWeights('garbage')).toBeNull();
  });

  it("gives the client a run's spec and saved weights, or null", async () => {
    const kv = memoryKV();
    const store = makeStore();
    store.getState().restoreRuns([run('r1'), run('r2')]);
    await kv.set('weights:r1', weights(0.5));
    await kv.set('weights:r2', { specs: [], data: 'broken' });
    const source = storedModelSource(kv, store);
    const got = await source('r1');
    expect(got?.spec).toBe(SEED_CNN);
    expect(Array.from(new Float32Array(got!.weights.data))).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(await source('r2')).toBeNull();
    expect(await source('unknown')).toBeNull();
  });
});

describe('saved models', () => {
  it('saves, lists newest first, loads and deletes; damaged entries are skipped', async () => {
    const kv = memoryKV();
    const meta = (id: string, savedAt: number) => ({ id, name: `model ${id}`, savedAt, spec: SEED_CNN, params: 121930, valAcc: 0.98, fromRunId: 'r1' });
    await saveModel(kv, meta('m1', 10), weights(1));
    await saveModel(kv, meta('m2', 20), weights(2));
    await kv.set('modelmeta:bad', { id: 'bad' });
    const list = await listModels(kv);
    expect(list.models.map((m) => m.id)).toEqual(['m2', 'm1']);
    expect(list.corrupt).toBe(1);
    const m = await loadSavedModel(kv, 'm1');
    expect(m?.meta.name).toBe('model m1');
    expect(new Float32Array(m!.weights.data)[0]).toBe(1);
    await deleteModel(kv, 'm1');
    expect(await loadSavedModel(kv, 'm1')).toBeNull();
    expect((await listModels(kv)).models.map((x) => x.id)).toEqual(['m2']);
  });
});

describe('startRunStorage', () => {
  it('restores into the store, notices damaged entries, and picks the active run', async () => {
    const kv = memoryKV();
    await saveRun(kv, run('old', { status: 'paused', checkpoint: { epochs: 1, savedAt: 5 } }));
    await kv.set('run:bad', { v: 1 });
    const store = makeStore();
    const s = startRunStorage(store, { kv, getWeights: async () => weights(0) });
    await s.flush();
    const st = store.getState();
    expect(st.runOrder).toEqual(['old']);
    expect(st.runs.old).toMatchObject({ status: 'stopped', interrupted: true, checkpoint: { epochs: 1 } });
    expect(st.notices.map((n) => [n.code, n.detail])).toEqual([['runsCorrupted', '1']]);
    expect(st.lab.activeRunId).toBe('old');
    // Written back as stopped, so the next reload agrees.
    expect((kv.m.get('run:old') as { run: Run }).run.status).toBe('stopped');
    s.stop();
  });

  it('saves a live run as it trains, its weights after each epoch and at the end, and deletes it when removed', async () => {
    const kv = memoryKV();
    const store = makeStore();
    let version = 0;
    const getWeights = vi.fn(async () => weights(++version));
    const s = startRunStorage(store, { kv, getWeights, throttleMs: 20 });
    await s.ready;
    const st = () => store.getState();
    st().addRun({ id: 'r', owner: 'mnist-trainer', spec: SEED_CNN, config: DEFAULT_TRAIN_CONFIG, name: 'first' });
    st().patchRun('r', { status: 'running' });
    st().appendMetrics('r', [batch(0, 2.3)], []);
    await settle();
    expect((kv.m.get('run:r') as { run: Run }).run.status).toBe('running');
    expect(getWeights).not.toHaveBeenCalled();

    // Batch-only updates are throttled, not lost.
    st().appendMetrics('r', [batch(1, 2.0), batch(2, 1.8)], []);
    await new Promise((r) => setTimeout(r, 40));
    expect((kv.m.get('run:r') as { run: Run }).run.batches).toHaveLength(3);

    st().appendMetrics('r', [], [epoch(0, 0.9)]);
    await s.flush();
    expect(getWeights).toHaveBeenCalledTimes(1);
    expect(new Float32Array((kv.m.get('weights:r') as SerializedWeights).data)[0]).toBe(1);
    expect(st().runs.r.checkpoint?.epochs).toBe(1);

    st().patchRun('r', { status: 'done' });
    await s.flush();
    expect(getWeights).toHaveBeenCalledTimes(2);
    expect(await loadWeights(kv, 'r')).not.toBeNull();
    expect(new Float32Array((await loadWeights(kv, 'r'))!.data)[0]).toBe(2);
    const stored = (kv.m.get('run:r') as { run: Run }).run;
    expect(stored).toMatchObject({ status: 'done', name: 'first', checkpoint: { epochs: 1 } });
    expect(stored.epochs).toEqual([epoch(0, 0.9)]);

    st().setActiveRun('r');
    st().removeRun('r');
    await s.flush();
    expect(kv.m.has('run:r')).toBe(false);
    expect(kv.m.has('weights:r')).toBe(false);
    expect(kv.m.get('lab:active')).toBe('r');
    s.stop();
  });

  it('keeps the older checkpoint, without a notice, when the worker cannot give the weights', async () => {
    const kv = memoryKV();
    const store = makeStore();
    const s = startRunStorage(store, { kv, getWeights: () => Promise.reject(new Error('unknown-run: gone')) });
    await s.ready;
    store.getState().addRun({ id: 'a', owner: 'x', spec: SEED_CNN, config: DEFAULT_TRAIN_CONFIG });
    store.getState().patchRun('a', { status: 'running' });
    store.getState().appendMetrics('a', [], [epoch(0, 0.8)]);
    store.getState().patchRun('a', { status: 'done' });
    await s.flush();
    expect(store.getState().notices).toEqual([]);
    expect(store.getState().runs.a.checkpoint).toBeUndefined();
    expect((kv.m.get('run:a') as { run: Run }).run.status).toBe('done');
    s.stop();
  });

  it('tells the reader once when saving fails (quota, private mode) and keeps going', async () => {
    const kv = memoryKV();
    kv.set = async () => {
      throw new Error('QuotaExceededError');
    };
    const store = makeStore();
    const s = startRunStorage(store, { kv, getWeights: async () => weights(0), throttleMs: 5 });
    await s.ready;
    store.getState().addRun({ id: 'a', owner: 'x', spec: SEED_CNN, config: DEFAULT_TRAIN_CONFIG });
    store.getState().patchRun('a', { status: 'running' });
    await s.flush();
    store.getState().patchRun('a', { status: 'stopped' });
    await s.flush();
    expect(store.getState().notices.map((n) => n.code)).toEqual(['runsSaveFailed']);
    expect(store.getState().runs.a.status).toBe('stopped');
    s.stop();
  });
});
