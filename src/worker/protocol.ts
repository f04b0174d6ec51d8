/**
 * The one typed protocol between the main thread and the training worker.
 * Commands go in; events come out. Both sides import this file, so a renamed field
 * is a type error on both sides at once.
 */
import type { SpecIssue } from '../ml/model/analyze';
import type { ModelSpec } from '../ml/model/spec';
import type { Divergence } from '../ml/train/divergence';
import type { BatchMetrics, EpochMetrics, TrainConfig } from '../ml/train/types';
import type { ActivationsResult } from '../ml/inspect/activations';
import type { EvalResult } from '../ml/inspect/metrics';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = BackendName | 'auto';

export const CMD = {
  init: 'init',
  train: 'train',
  pause: 'pause',
  resume: 'resume',
  stop: 'stop',
  getWeights: 'getWeights',
  predict: 'predict',
  evaluate: 'evaluate',
  activations: 'activations',
  loadModel: 'loadModel',
} as const;

/** A model's weights in transferable form (tfjs weight specs + one ArrayBuffer). */
export interface SerializedWeights {
  specs: { name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' }[];
  data: ArrayBuffer;
}

export type WorkerCommand =
  | {
      type: typeof CMD.init;
      /** Folder holding the MNIST manifest.json. */
      dataUrl: string;
      /** Folder holding tfjs-backend-wasm's .wasm files. */
      wasmUrl: string;
      backend: BackendChoice;
    }
  | { type: typeof CMD.train; runId: string; spec: ModelSpec; config: TrainConfig; initialWeights?: SerializedWeights }
  | { type: typeof CMD.pause; runId: string }
  | { type: typeof CMD.resume; runId: string }
  | { type: typeof CMD.stop; runId: string }
  | { type: typeof CMD.getWeights; requestId: string; runId: string }
  | {
      type: typeof CMD.predict;
      requestId: string;
      runId: string;
      /** Uint8 pixels (0–255), count × 784, normalised inside the worker. */
      images: Uint8Array;
      count: number;
    }
  /** Evaluates a run's model on the test split (the first `limit` images; all 10,000 by default). */
  | { type: typeof CMD.evaluate; requestId: string; runId: string; limit?: number }
  /** Every conv/pool layer's output for one uint8 image (784 pixels), plus the first layer's filters. */
  | { type: typeof CMD.activations; requestId: string; runId: string; image: Uint8Array }
  /**
   * Makes a finished model available under `runId` (a run restored after a reload, an imported
   * or saved model) for predict/getWeights/evaluate/activations. Answered by 'modelLoaded'.
   */
  | { type: typeof CMD.loadModel; requestId: string; runId: string; spec: ModelSpec; weights: SerializedWeights };

export interface BackendProbe {
  name: BackendName;
  ok: boolean;
  /** Training images/s measured by the micro-benchmark (absent when it failed or was skipped). */
  imagesPerSec?: number;
  error?: string;
  /** Why it is not used, as a code the UI words for readers (the badge's explanation). */
  why?: ProbeWhy;
}

/**
 * unsupported: this browser lacks the API; no-adapter: WebGPU is there but offers no graphics
 * card; software: the "GPU" is a CPU emulation, skipped; cannot-train: a kernel is missing;
 * failed: it started but broke during the trial.
 */
export type ProbeWhy = 'unsupported' | 'no-adapter' | 'software' | 'cannot-train' | 'failed';

export type RunEndReason = 'done' | 'stopped' | 'early-stopped' | 'error';

export type WorkerEvent =
  | { type: 'ready'; backend: BackendName; probes: BackendProbe[]; reason: 'fastest' | 'chosen' | 'fallback' | 'cached' }
  | { type: 'dataProgress'; split: 'train' | 'test'; loaded: number; total: number }
  | { type: 'runStarted'; runId: string; trainCount: number; valCount: number; stepsPerEpoch: number; backend: BackendName }
  | { type: 'batch'; runId: string; m: BatchMetrics }
  | { type: 'epoch'; runId: string; m: EpochMetrics }
  /** After an epoch, when the verdict changes: training has gone wrong (or, null, recovered). */
  | { type: 'divergence'; runId: string; d: Divergence | null }
  | { type: 'runStatus'; runId: string; status: 'running' | 'paused' }
  | { type: 'runEnded'; runId: string; reason: RunEndReason }
  /** A backend failed mid-run; training continues on `to` from the last weights. */
  | { type: 'backendChanged'; from: BackendName; to: BackendName; detail: string }
  | { type: 'weights'; requestId: string; runId: string; weights: SerializedWeights }
  | { type: 'prediction'; requestId: string; runId: string; probs: Float32Array }
  /** Evaluation progress: downloading the test split ('data', bytes) then predicting ('eval', images). */
  | { type: 'evalProgress'; requestId: string; runId: string; phase: 'data' | 'eval'; done: number; total: number }
  | { type: 'evaluation'; requestId: string; runId: string; result: EvalResult }
  | { type: 'activationMaps'; requestId: string; runId: string; result: ActivationsResult }
  | { type: 'modelLoaded'; requestId: string; runId: string }
  | {
      type: 'error';
      code: WorkerErrorCode;
      detail: string;
      runId?: string;
      requestId?: string;
      /** With 'invalid-spec': every problem found, with a machine code and en/zh messages. */
      issues?: SpecIssue[];
    };

export type WorkerErrorCode = 'data' | 'backend' | 'invalid-spec' | 'invalid-config' | 'training' | 'unknown-run' | 'internal';
