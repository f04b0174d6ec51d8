/**
 * Messages between the benchmark page (bench.html, src/bench/main.ts) and its worker
 * (src/bench/bench.worker.ts). Separate from the app's protocol on purpose: the benchmark
 * drives the same src/ml code (Trainer, loader, backend activation) but needs timings the
 * app does not report.
 */
import type { BackendName } from '../worker/protocol';

export interface MeasureOptions {
  /** Seconds the timed training phase should last (steps are picked from a first estimate). */
  trainSeconds: number;
  /** Bounds on the number of timed steps. */
  minSteps: number;
  maxSteps: number;
  /** Seconds the leak check (3 epochs) may take; steps per epoch are scaled to fit. */
  leakSeconds: number;
  /** Bounds on the leak check's steps per epoch. */
  leakMinSteps: number;
  leakMaxSteps: number;
  /** Seconds for each forward-pass measurement. */
  forwardSeconds: number;
  /** Also run the diagnostics (per-batch sync cost, kernel profile). */
  diag: boolean;
}

export interface FullOptions {
  epochs: number;
}

export type BenchCommand =
  | { type: 'measure'; backend: BackendName; dataUrl: string; wasmUrl: string; opts: MeasureOptions }
  | { type: 'full'; backend: BackendName; dataUrl: string; wasmUrl: string; opts: FullOptions };

/**
 * One backend's numbers, measured in the worker through the app's own Trainer (the page adds
 * its main-thread numbers: MainThreadStats in main.ts).
 */
export interface BackendResult {
  backend: BackendName;
  /** What the backend runs on (e.g. 'SwiftShader' for a software GPU), when known. */
  renderer: string | null;
  trainImagesPerSec: number;
  /** Steps that were timed (after warm-up) and how many warm-up steps preceded them. */
  trainSteps: number;
  warmupSteps: number;
  /** ms of the first (compile/JIT) step. */
  firstStepMs: number;
  /** Median ms per timed step. */
  medianStepMs: number;
  /** Inference images/s at batch 64 (predictProbs, the app's predict path). */
  forwardImagesPerSec: number;
  forwardBatch: number;
  /** Inference images/s at batch 1000 (predictProbs' default chunk; evaluation uses 500). */
  forwardImagesPerSecLarge: number | null;
  forwardBatchLarge: number;
  /** tf.memory().numTensors at the end of the last leak-check epoch minus after its first step. */
  numTensorsDelta: number;
  /** Same, bytes. */
  numBytesDelta: number;
  /** numTensors after disposing the leak-check model and trainer minus before building them. */
  numTensorsDeltaLifecycle: number;
  leakEpochs: number;
  leakStepsPerEpoch: number;
  /** Training loss after the timed phase (a sanity check: finite, falling). */
  finalLoss: number;
  /** Optional diagnostics (--diag). */
  diag?: DiagResult;
  seconds: number;
}

export interface DiagResult {
  /** The Trainer's per-step math, awaiting loss/acc data() on every step (as the Trainer does). */
  syncEveryStepImagesPerSec: number;
  /** The same math, reading loss/acc only every `pipelineEvery` steps. */
  pipelinedImagesPerSec: number;
  pipelineEvery: number;
  /** Kernel time per training step from tf.profile (ms and calls per kernel, per step, top entries). */
  profile: { kernel: string; ms: number; count: number }[];
  /** Kernel time and wall time per profiled step (profiling itself adds some overhead). */
  profileTotalMs: number;
  profileWallMs: number;
}

export interface FullEpoch {
  epoch: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  /** Seconds of training (the Trainer's own measure) and including the test evaluation. */
  trainSeconds: number;
  seconds: number;
  imagesPerSec: number;
}

export interface FullResult {
  backend: BackendName;
  epochs: FullEpoch[];
  trainCount: number;
  testCount: number;
}

export type BenchEvent =
  | { type: 'log'; text: string }
  | { type: 'ready'; backend: BackendName; ok: boolean; renderer: string | null; error?: string }
  /** Training phases, so the page can attribute long tasks to them. */
  | { type: 'phase'; phase: 'train' | 'idle' }
  | { type: 'batch'; step: number; loss: number; imagesPerSec: number }
  | { type: 'measured'; result: BackendResult }
  | { type: 'epoch'; epoch: FullEpoch }
  | { type: 'full'; result: FullResult }
  | { type: 'error'; detail: string };
