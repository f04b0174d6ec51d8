/**
 * The one bridge from worker events to store actions. Batch metrics arrive up to
 * hundreds of times a second; they are buffered and flushed once per animation frame
 * so React re-renders at display rate, not at training rate.
 */
import type { BatchMetrics, EpochMetrics } from '../ml/train/types';
import type { Store } from '../state/store';
import type { TrainingClient } from './client';
import type { WorkerEvent } from './protocol';

type StoreApi = { getState(): Store };

export function connectBridge(client: TrainingClient, store: StoreApi, schedule: (f: () => void) => void = raf) {
  const buffer = new Map<string, { batches: BatchMetrics[]; epochs: EpochMetrics[] }>();
  let scheduled = false;
  const runClock = new Map<string, number>();

  const flush = () => {
    scheduled = false;
    const s = store.getState();
    for (const [id, b] of buffer) s.appendMetrics(id, b.batches, b.epochs);
    buffer.clear();
    const now = performance.now();
    for (const [id, since] of runClock) {
      const run = store.getState().runs[id];
      if (run) s.patchRun(id, { elapsedMs: run.elapsedMs + (now - since) });
      runClock.set(id, now);
    }
  };
  const queue = (runId: string, kind: 'batches' | 'epochs', m: BatchMetrics | EpochMetrics) => {
    let b = buffer.get(runId);
    if (!b) buffer.set(runId, (b = { batches: [], epochs: [] }));
    (b[kind] as (typeof m)[]).push(m);
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  };
  const stopClock = (runId: string) => {
    flush();
    runClock.delete(runId);
  };

  return client.subscribe((ev: WorkerEvent) => {
    const s = store.getState();
    switch (ev.type) {
      case 'ready':
        s.setEngine({ status: 'ready', backend: ev.backend, probes: ev.probes, reason: ev.reason, error: null });
        break;
      case 'dataProgress':
        s.setEngine({ data: { split: ev.split, loaded: ev.loaded, total: ev.total } });
        break;
      case 'runStarted':
        s.patchRun(ev.runId, {
          status: 'running',
          backend: ev.backend,
          trainCount: ev.trainCount,
          valCount: ev.valCount,
          stepsPerEpoch: ev.stepsPerEpoch,
        });
        runClock.set(ev.runId, performance.now());
        break;
      case 'batch':
        queue(ev.runId, 'batches', ev.m);
        break;
      case 'epoch':
        queue(ev.runId, 'epochs', ev.m);
        break;
      case 'divergence':
        s.patchRun(ev.runId, { divergence: ev.d ?? undefined });
        break;
      case 'runStatus':
        if (ev.status === 'paused') stopClock(ev.runId);
        else runClock.set(ev.runId, performance.now());
        s.patchRun(ev.runId, { status: ev.status });
        break;
      case 'runEnded':
        stopClock(ev.runId);
        s.patchRun(ev.runId, { status: ev.reason });
        break;
      case 'backendChanged':
        // The badge then says why this backend runs: not the reader's choice nor the fastest, a fallback.
        s.setEngine({ backend: ev.to, reason: 'fallback' });
        s.pushNotice({ kind: 'warning', code: 'backendChanged', detail: `${ev.from} → ${ev.to}: ${ev.detail}` });
        break;
      case 'error':
        if (ev.runId) {
          stopClock(ev.runId);
          s.patchRun(ev.runId, { status: 'error', error: `${ev.code}: ${ev.detail}` });
        } else if (!ev.requestId) {
          s.setEngine({ status: 'error', error: { code: ev.code, detail: ev.detail } });
        }
        s.pushNotice({ kind: 'error', code: `worker.${ev.code}`, detail: ev.detail });
        break;
      case 'weights':
      case 'prediction':
        break;
    }
  });
}

function raf(f: () => void) {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(f);
  else setTimeout(f, 16);
}
