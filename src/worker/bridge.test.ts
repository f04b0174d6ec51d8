import { describe, expect, it } from 'vitest';
import type { Store } from '../state/store';
import { connectBridge } from './bridge';
import type { TrainingClient } from './client';
import type { WorkerEvent } from './protocol';

/** A store that records the actions the bridge calls, and a client whose events the test emits. */
function harness() {
  const calls: [string, unknown[]][] = [];
  const runs: Record<string, { elapsedMs: number }> = { r1: { elapsedMs: 0 } };
  const record = (name: string) => (...args: unknown[]) => void calls.push([name, args]);
  const state = {
    runs,
    setEngine: record('setEngine'),
    pushNotice: record('pushNotice'),
    patchRun: record('patchRun'),
    appendMetrics: record('appendMetrics'),
  } as unknown as Store;
  let listener: (ev: WorkerEvent) => void = () => undefined;
  const client = { subscribe: (fn: (ev: WorkerEvent) => void) => ((listener = fn), () => undefined) } as unknown as TrainingClient;
  const pending: (() => void)[] = [];
  connectBridge(client, { getState: () => state }, (f) => pending.push(f));
  return { calls, emit: (ev: WorkerEvent) => listener(ev), flush: () => pending.splice(0).forEach((f) => f()) };
}

describe('bridge', () => {
  it('a backend change updates the engine with the fallback reason and tells the reader', () => {
    const h = harness();
    h.emit({ type: 'backendChanged', from: 'webgl', to: 'wasm', detail: 'WebGL context lost' });
    expect(h.calls).toContainEqual(['setEngine', [{ backend: 'wasm', reason: 'fallback' }]]);
    const notice = h.calls.find(([n]) => n === 'pushNotice')?.[1][0] as { code: string; detail: string };
    expect(notice.code).toBe('backendChanged');
    expect(notice.detail).toBe('webgl → wasm: WebGL context lost');
  });

  it('buffers batch metrics and hands them to the store once per frame, in order', () => {
    const h = harness();
    const m = (step: number) => ({ step }) as unknown as Extract<WorkerEvent, { type: 'batch' }>['m'];
    h.emit({ type: 'batch', runId: 'r1', m: m(1) });
    h.emit({ type: 'batch', runId: 'r1', m: m(2) });
    expect(h.calls.filter(([n]) => n === 'appendMetrics')).toHaveLength(0);
    h.flush();
    const appended = h.calls.filter(([n]) => n === 'appendMetrics');
    expect(appended).toHaveLength(1);
    expect(appended[0][1]).toEqual(['r1', [m(1), m(2)], []]);
  });

  it('puts the worker’s divergence verdict on the run, and clears it when the run recovers', () => {
    const h = harness();
    const d = { code: 'exploded', epoch: 0, startLoss: 2.3, loss: 13, acc: 0.11, chance: 0.1 } as const;
    h.emit({ type: 'divergence', runId: 'r1', d });
    h.emit({ type: 'divergence', runId: 'r1', d: null });
    expect(h.calls.filter(([n]) => n === 'patchRun')).toEqual([
      ['patchRun', ['r1', { divergence: d }]],
      ['patchRun', ['r1', { divergence: undefined }]],
    ]);
  });

  it('a worker error on a run marks that run failed and shows a coded notice', () => {
    const h = harness();
    h.emit({ type: 'error', runId: 'r1', code: 'training', detail: 'NaN loss' } as WorkerEvent);
    expect(h.calls).toContainEqual(['patchRun', ['r1', { status: 'error', error: 'training: NaN loss' }]]);
    expect(h.calls).toContainEqual(['pushNotice', [{ kind: 'error', code: 'worker.training', detail: 'NaN loss' }]]);
  });
});
