import type { StateCreator } from 'zustand';
import type { ModelSpec } from '../../ml/model/spec';
import type { Divergence } from '../../ml/train/divergence';
import type { BatchMetrics, EpochMetrics, TrainConfig } from '../../ml/train/types';
import type { BackendName, RunEndReason } from '../../worker/protocol';
import type { Store } from '../store';

export type RunStatus = 'loading' | 'running' | 'paused' | RunEndReason;

export interface Run {
  id: string;
  /** Which panel started it; panels show their own runs. */
  owner: string;
  spec: ModelSpec;
  config: TrainConfig;
  status: RunStatus;
  backend: BackendName | null;
  trainCount: number;
  valCount: number;
  stepsPerEpoch: number;
  startedAt: number;
  /** Milliseconds spent training (excludes pauses). */
  elapsedMs: number;
  batches: BatchMetrics[];
  epochs: EpochMetrics[];
  error?: string;
  /** The reader's name for the run (runs table); a label is generated when absent. */
  name?: string;
  /** Trained here, continued from another run's weights, imported from files, or loaded from a saved model. */
  source?: 'train' | 'continue' | 'import' | 'saved';
  /** The run whose weights a continued run started from. */
  parentId?: string;
  /** A page reload cut the run short; it was restored as 'stopped'. */
  interrupted?: boolean;
  /** Training went wrong (NaN, exploding loss, accuracy at chance): the worker's latest verdict. */
  divergence?: Divergence;
  /** Accuracy on the test images, once the evaluation panel has measured it. */
  test?: { acc: number; count: number };
  /** The latest weights saved to IndexedDB (runStorage.ts): after how many epochs, and when. */
  checkpoint?: { epochs: number; savedAt: number };
}

export interface RunsSlice {
  runs: Record<string, Run>;
  runOrder: string[];
  addRun(run: Pick<Run, 'id' | 'owner' | 'spec' | 'config'> & Partial<Pick<Run, 'name' | 'source' | 'parentId'>>): void;
  patchRun(id: string, patch: Partial<Run>): void;
  /** Appends metrics in bulk (the bridge batches worker events per animation frame). */
  appendMetrics(id: string, batches: BatchMetrics[], epochs: EpochMetrics[]): void;
  removeRun(id: string): void;
  /** Restores runs saved elsewhere (IndexedDB) after a reload. */
  restoreRuns(runs: Run[]): void;
}

export const createRunsSlice: StateCreator<Store, [], [], RunsSlice> = (set) => ({
  runs: {},
  runOrder: [],
  addRun: (r) =>
    set((s) => ({
      runs: {
        ...s.runs,
        [r.id]: {
          ...r,
          status: 'loading',
          backend: null,
          trainCount: 0,
          valCount: 0,
          stepsPerEpoch: 0,
          startedAt: Date.now(),
          elapsedMs: 0,
          batches: [],
          epochs: [],
        },
      },
      runOrder: [...s.runOrder, r.id],
    })),
  patchRun: (id, patch) =>
    set((s) => (s.runs[id] ? { runs: { ...s.runs, [id]: { ...s.runs[id], ...patch } } } : s)),
  appendMetrics: (id, batches, epochs) =>
    set((s) => {
      const run = s.runs[id];
      if (!run) return s;
      return {
        runs: {
          ...s.runs,
          [id]: {
            ...run,
            batches: batches.length ? run.batches.concat(batches) : run.batches,
            epochs: epochs.length ? run.epochs.concat(epochs) : run.epochs,
          },
        },
      };
    }),
  removeRun: (id) =>
    set((s) => {
      const runs = { ...s.runs };
      delete runs[id];
      return { runs, runOrder: s.runOrder.filter((r) => r !== id) };
    }),
  restoreRuns: (list) =>
    set((s) => {
      const runs = { ...s.runs };
      const order = [...s.runOrder];
      for (const r of list) {
        if (!runs[r.id]) order.push(r.id);
        runs[r.id] = r;
      }
      return { runs, runOrder: order };
    }),
});
