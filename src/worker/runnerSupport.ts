/** What the runner is given (deps, a way to post) and its small error helpers: runner.ts stays one job. */
import type { SpecIssue } from '../ml/model/analyze';
import type { MnistData } from '../ml/data/loader';
import type { TrainerOptions } from '../ml/train/trainer';
import type { BackendChoice, BackendName, BackendProbe, WorkerErrorCode, WorkerEvent } from './protocol';

export type Post = (ev: WorkerEvent, transfer?: Transferable[]) => void;

export interface RunnerDeps {
  post: Post;
  /** Chooses and activates the backend (select.ts in the worker). */
  selectBackend(choice: BackendChoice, wasmUrl: string): Promise<{ backend: BackendName; probes: BackendProbe[]; reason: 'fastest' | 'chosen' | 'fallback' | 'cached' }>;
  /** Activates another backend after a failure; false when it cannot start. */
  activateBackend(name: BackendName): Promise<boolean>;
  /** Returns a description once the active backend has died (lost GPU), else null. */
  watchBackend?(name: BackendName): { check(): string | null };
  /** Loads the first `limit` training examples (all when undefined). */
  loadTrain(dataUrl: string, limit: number | undefined, onProgress: (loaded: number, total: number) => void): Promise<MnistData>;
  /** Loads the whole test split (evaluation); without it, `evaluate` answers with a data error. */
  loadTest?(dataUrl: string, onProgress: (loaded: number, total: number) => void): Promise<MnistData>;
  /** Extra trainer options (tests: faster checkpoints, a health check that fails on cue). */
  trainerOptions?: Partial<Pick<TrainerOptions, 'checkpointEveryMs' | 'healthCheck' | 'evalBatchSize'>>;
}

export class RunError extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
    readonly issues?: SpecIssue[],
  ) {
    super(message);
  }
}

export const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function safely(f: () => void) {
  try {
    f();
  } catch {
    // Disposing on a dead GPU context can throw; the memory is gone with the context anyway.
  }
}
