/**
 * The worker's inspection commands: `evaluate` (the test split through a run's model) and
 * `activations` (one image's conv/pool outputs and the first layer's filters). Runner
 * (runner.ts) finds the run's model and hands it here; the logic lives in src/ml/inspect.
 */
import type * as tf from '@tensorflow/tfjs';
import type { MnistData } from '../ml/data/loader';
import { IMAGE_SIZE } from '../ml/data/manifest';
import { extractActivations } from '../ml/inspect/activations';
import { evaluateModel, type EvalResult } from '../ml/inspect/evaluate';
import { outputsLogits } from '../ml/model/builder';
import type { ModelSpec } from '../ml/model/spec';
import { createYielder } from '../ml/train/macrotask';
import type { WorkerCommand, WorkerErrorCode, WorkerEvent } from './protocol';

export interface InspectDeps {
  post(ev: WorkerEvent, transfer?: Transferable[]): void;
  /** Loads the whole test split (null when this worker has no loader, e.g. in some tests). */
  loadTest: ((onProgress: (loaded: number, total: number) => void) => Promise<MnistData>) | null;
}

/** The model of one run, as Runner knows it. */
export interface InspectTarget {
  model: tf.LayersModel;
  spec: ModelSpec;
}

type EvaluateCmd = Extract<WorkerCommand, { type: 'evaluate' }>;
type ActivationsCmd = Extract<WorkerCommand, { type: 'activations' }>;

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));

class InspectError extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class InspectHandlers {
  private test: Promise<MnistData> | null = null;
  /** Evaluations in progress by run: a second request for the same run shares the first's work. */
  private evaluations = new Map<string, Promise<EvalResult>>();
  private readonly yieldNow = createYielder();

  constructor(private readonly deps: InspectDeps) {}

  private error(code: WorkerErrorCode, detail: string, requestId: string) {
    // Request errors carry only the requestId: a runId would mark the run itself as failed.
    this.deps.post({ type: 'error', code, detail, requestId });
  }

  /** The test split, loaded once per worker; a failed load is retried on the next request. */
  private loadTest(onProgress: (loaded: number, total: number) => void): Promise<MnistData> {
    const load = this.deps.loadTest;
    if (!load) return Promise.reject(new InspectError('data', 'this worker cannot load the test split'));
    if (!this.test) {
      this.test = load(onProgress).catch((e: unknown) => {
        this.test = null;
        throw new InspectError('data', msg(e));
      });
    }
    return this.test;
  }

  async evaluate(cmd: EvaluateCmd, target: InspectTarget): Promise<void> {
    const { requestId, runId } = cmd;
    const key = `${runId}:${cmd.limit ?? 'all'}`;
    let lastPost = 0;
    const progress = (phase: 'data' | 'eval', done: number, total: number) => {
      const now = Date.now();
      if (done < total && done > 0 && now - lastPost < 100) return;
      lastPost = now;
      this.deps.post({ type: 'evalProgress', requestId, runId, phase, done, total });
    };
    let job = this.evaluations.get(key);
    if (!job) {
      job = (async () => {
        const all = await this.loadTest((loaded, total) => progress('data', loaded, total));
        const limit = cmd.limit === undefined ? all.count : Math.max(1, Math.min(all.count, Math.floor(cmd.limit)));
        const data = limit === all.count ? all : { images: all.images.subarray(0, limit * IMAGE_SIZE), labels: all.labels.subarray(0, limit), count: limit };
        return evaluateModel(target.model, data, {
          inputShape: target.spec.inputShape,
          fromLogits: outputsLogits(target.spec),
          batchSize: 500,
          onProgress: (done, total) => progress('eval', done, total),
          between: this.yieldNow,
        });
      })();
      this.evaluations.set(key, job);
      const clear = () => this.evaluations.delete(key);
      job.then(clear, clear);
    }
    try {
      const result = await job;
      // Posted as a structured clone (≈160 kB), not transferred: a shared job may answer twice.
      this.deps.post({ type: 'evaluation', requestId, runId, result });
    } catch (e) {
      this.error(e instanceof InspectError ? e.code : 'backend', msg(e), requestId);
    }
  }

  async activations(cmd: ActivationsCmd, target: InspectTarget): Promise<void> {
    const { requestId, runId, image } = cmd;
    if (!(image instanceof Uint8Array) || image.length !== IMAGE_SIZE) {
      return this.error('invalid-config', `activations: expected ${IMAGE_SIZE} uint8 pixels, got ${image?.length}`, requestId);
    }
    try {
      const result = await extractActivations(target.model, image, {
        inputShape: target.spec.inputShape,
        fromLogits: outputsLogits(target.spec),
      });
      this.deps.post({ type: 'activationMaps', requestId, runId, result });
    } catch (e) {
      this.error('backend', msg(e), requestId);
    }
  }
}
