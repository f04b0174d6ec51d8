import * as tf from '@tensorflow/tfjs';
import type { MnistData } from '../data/loader';
import { MNIST_MEAN, MNIST_STD } from '../model/spec';
import {
  loadModelWeights,
  loadOptimizerState,
  packModelWeights,
  packOptimizerState,
  type PackedTensors,
} from './checkpoint';
import { batchArrays, epochOrder } from './dataset';
import { initialEarlyStopping, updateEarlyStopping, type EarlyStoppingState } from './earlyStopping';
import { createYielder } from './macrotask';
import { createOptimizer, disposeOptimizer, setLearningRate } from './optimizers';
import { lrAt } from './schedules';
import type { BatchMetrics, EpochMetrics, TrainConfig } from './types';

export interface TrainerCallbacks {
  onBatch?(m: BatchMetrics): void;
  onEpoch?(m: EpochMetrics): void;
  onStatus?(status: 'running' | 'paused'): void;
}

/** Everything needed to continue a run, in plain memory (it survives a lost GPU). */
export interface TrainerCheckpoint {
  /** Epoch and batch index of the next batch to train, and its global step. */
  epoch: number;
  batch: number;
  step: number;
  weights: PackedTensors;
  optimizer: PackedTensors;
  /** Sums over the current epoch's batches so far, so its metrics stay whole after a resume. */
  partial: { lossSum: number; accSum: number; seen: number; seconds: number };
  earlyStopping: EarlyStoppingState;
  history: EpochMetrics[];
  imagesPerSec: number;
}

export interface TrainerOptions {
  model: tf.LayersModel;
  config: TrainConfig;
  train: MnistData;
  val?: MnistData | null;
  /** The model outputs logits (no final softmax). */
  fromLogits?: boolean;
  /** Per-example input shape; MNIST is [28, 28, 1]. */
  inputShape?: [number, number, number];
  numClasses?: number;
  callbacks?: TrainerCallbacks;
  /** Continue from a checkpoint (weights and optimizer state are loaded by the trainer). */
  resume?: TrainerCheckpoint;
  /** Batches with a step below this are trained but not reported (replayed after a backend switch). */
  silentUntilStep?: number;
  /** How often to checkpoint between epochs (ms); 0 = after every batch. */
  checkpointEveryMs?: number;
  evalBatchSize?: number;
  /** Called before each batch; a returned string aborts the step as a backend failure. */
  healthCheck?: () => string | null;
  yieldFn?: () => Promise<void>;
  now?: () => number;
}

export type TrainEndReason = 'done' | 'stopped' | 'early-stopped';

export interface TrainResult {
  reason: TrainEndReason;
  history: EpochMetrics[];
  /** Steps trained in total. */
  step: number;
}

/** A training step failed (kernel error, lost GPU...). `checkpoint` is the last good state. */
export class TrainerError extends Error {
  constructor(
    message: string,
    readonly cause: unknown,
    readonly checkpoint: TrainerCheckpoint | null,
    readonly step: number,
  ) {
    super(message);
  }
}

/**
 * Trains a tf.LayersModel on uint8 MNIST arrays with a hand-written loop:
 * per batch, pixels [n, 28, 28, 1] are normalised ((x/255 − mean)/std) and fed forward,
 * cross-entropy against one-hot labels [n, 10] is minimised, and loss/accuracy are read
 * asynchronously. Between batches it yields a macrotask so pause/stop/predict get through;
 * at the end of each epoch it evaluates the validation set in batches.
 */
export class Trainer {
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  private readonly opts: TrainerOptions;
  private readonly optimizer: tf.Optimizer;
  private readonly varList: tf.Variable[];
  private readonly yieldFn: () => Promise<void>;
  private readonly now: () => number;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private stopRequested = false;
  private pausedAt = 0;
  private pausedMs = 0;
  private lastCheckpoint: TrainerCheckpoint | null = null;
  private running = false;

  constructor(opts: TrainerOptions) {
    this.opts = opts;
    const { config, train } = opts;
    this.stepsPerEpoch = Math.max(1, Math.ceil(train.count / config.batchSize));
    this.totalSteps = this.stepsPerEpoch * config.epochs;
    this.optimizer = createOptimizer(config.optimizer, config.learningRate);
    // Only this model's trainable variables: other models alive in the worker must not move.
    this.varList = opts.model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.yieldFn = opts.yieldFn ?? createYielder();
    this.now = opts.now ?? (() => performance.now());
  }

  get status(): 'running' | 'paused' {
    return this.gate ? 'paused' : 'running';
  }

  /** The last good state (taken at the start, every `checkpointEveryMs` and after each epoch). */
  get checkpoint(): TrainerCheckpoint | null {
    return this.lastCheckpoint;
  }

  pause(): void {
    if (this.gate || this.stopRequested) return;
    this.gate = new Promise((resolve) => (this.openGate = resolve));
    this.pausedAt = this.now();
    this.opts.callbacks?.onStatus?.('paused');
  }

  resume(): void {
    if (!this.gate) return;
    this.pausedMs += this.now() - this.pausedAt;
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
    if (!this.stopRequested) this.opts.callbacks?.onStatus?.('running');
  }

  /** Stops after the current batch; run() resolves with reason 'stopped'. */
  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  /** Frees the optimizer's state (the model belongs to the caller). */
  dispose(): void {
    disposeOptimizer(this.optimizer);
  }

  /** Trains until done, stopped or early-stopped; throws TrainerError when a step fails. */
  async run(): Promise<TrainResult> {
    if (this.running) throw new Error('Trainer.run() is already running');
    this.running = true;
    const { config, train, resume } = this.opts;
    const bs = config.batchSize;
    const spe = this.stepsPerEpoch;
    let step = resume?.step ?? 0;
    let es = resume?.earlyStopping ?? initialEarlyStopping();
    const history = resume ? resume.history.slice() : [];
    let ips = resume?.imagesPerSec ?? 0;
    const p = resume?.partial ?? { lossSum: 0, accSum: 0, seen: 0, seconds: 0 };
    try {
      if (resume) {
        loadModelWeights(this.opts.model, resume.weights);
        await loadOptimizerState(this.optimizer, resume.optimizer);
        this.lastCheckpoint = resume;
      } else {
        await this.saveCheckpoint(0, 0, 0, p, es, history, ips);
      }
    } catch (e) {
      throw new TrainerError(`could not restore the run: ${errMsg(e)}`, e, resume ?? null, step);
    }
    let lastCkpt = this.now();
    const silentUntil = this.opts.silentUntilStep ?? 0;
    const startEpoch = resume?.epoch ?? 0;
    for (let epoch = startEpoch; epoch < config.epochs; epoch++) {
      const order = epochOrder(train.count, config.seed, epoch);
      const firstBatch = epoch === startEpoch ? (resume?.batch ?? 0) : 0;
      if (firstBatch === 0) Object.assign(p, { lossSum: 0, accSum: 0, seen: 0, seconds: 0 });
      this.pausedMs = 0;
      const epochStart = this.now() - p.seconds * 1000;
      let last = this.now();
      for (let b = firstBatch; b < spe; b++) {
        await this.yieldFn();
        if (this.gate) {
          await this.gate;
          last = this.now();
        }
        if (this.stopRequested) return { reason: 'stopped', history, step };
        const lr = lrAt(config.schedule, config.learningRate, step, spe, this.totalSteps);
        let loss: number, acc: number;
        try {
          const bad = this.opts.healthCheck?.();
          if (bad) throw new Error(bad);
          setLearningRate(this.optimizer, lr);
          [loss, acc] = await this.trainStep(order, b * bs, Math.min((b + 1) * bs, train.count));
        } catch (e) {
          throw new TrainerError(errMsg(e), e, this.lastCheckpoint, step);
        }
        const n = Math.min((b + 1) * bs, train.count) - b * bs;
        p.lossSum += loss * n;
        p.accSum += acc * n;
        p.seen += n;
        const t = this.now();
        const inst = (n * 1000) / Math.max(t - last, 1e-3);
        // Exponential smoothing: single batches are noisy (GC, shader compiles, tab switches).
        ips = ips === 0 ? inst : 0.9 * ips + 0.1 * inst;
        last = t;
        if (step >= silentUntil) {
          this.opts.callbacks?.onBatch?.({ epoch, batch: b, step, loss, acc, lr, imagesPerSec: ips });
        }
        step++;
        const every = this.opts.checkpointEveryMs ?? 2000;
        if (b + 1 < spe && t - lastCkpt >= every) {
          p.seconds = (t - epochStart - this.pausedMs) / 1000;
          await this.guardedCheckpoint(epoch, b + 1, step, p, es, history, ips);
          lastCkpt = this.now();
        }
      }
      const trainSeconds = (this.now() - epochStart - this.pausedMs) / 1000;
      let valLoss: number | null = null;
      let valAcc: number | null = null;
      if (this.opts.val && this.opts.val.count > 0) {
        try {
          [valLoss, valAcc] = await this.evaluate(this.opts.val);
        } catch (e) {
          throw new TrainerError(errMsg(e), e, this.lastCheckpoint, step);
        }
      }
      const m: EpochMetrics = {
        epoch,
        loss: p.lossSum / Math.max(1, p.seen),
        acc: p.accSum / Math.max(1, p.seen),
        valLoss,
        valAcc,
        seconds: (this.now() - epochStart - this.pausedMs) / 1000,
        imagesPerSec: p.seen / Math.max(trainSeconds, 1e-6),
      };
      history.push(m);
      this.opts.callbacks?.onEpoch?.(m);
      let stopEarly = false;
      if (config.earlyStopping) {
        const r = updateEarlyStopping(es, valLoss ?? m.loss, config.earlyStopping);
        es = r.state;
        stopEarly = r.stop;
      }
      Object.assign(p, { lossSum: 0, accSum: 0, seen: 0, seconds: 0 });
      if (epoch + 1 < config.epochs && !stopEarly) {
        await this.guardedCheckpoint(epoch + 1, 0, step, p, es, history, ips);
        lastCkpt = this.now();
      }
      if (stopEarly) return { reason: 'early-stopped', history, step };
    }
    return { reason: 'done', history, step };
  }

  /**
   * Evaluates a data set in batches without training (dropout off, batch norm uses its
   * moving averages). Returns [mean loss, accuracy].
   */
  async evaluate(data: MnistData): Promise<[number, number]> {
    const bs = this.opts.evalBatchSize ?? 500;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < data.count; start += bs) {
      const end = Math.min(start + bs, data.count);
      const { x, y } = batchArrays(data, null, start, end);
      const [l, c] = tf.tidy(() => {
        const out = this.opts.model.apply(this.normalize(x, end - start), { training: false }) as tf.Tensor2D;
        const labels = tf.tensor1d(y, 'int32');
        const ys = tf.oneHot(labels, this.opts.numClasses ?? 10);
        return [this.lossSum(ys, out), tf.equal(tf.argMax(out, -1), labels).sum()];
      });
      try {
        const [lv, cv] = await Promise.all([l.data(), c.data()]);
        lossSum += lv[0];
        correct += cv[0];
      } finally {
        l.dispose();
        c.dispose();
      }
      await this.yieldFn();
    }
    return [lossSum / data.count, correct / data.count];
  }

  /** uint8-valued pixels → [n, h, w, c] normalised float32, (x/255 − mean)/std. */
  private normalize(x: Float32Array, n: number): tf.Tensor4D {
    const [h, w, c] = this.opts.inputShape ?? [28, 28, 1];
    return tf.tidy(() => tf.tensor4d(x, [n, h, w, c]).mul(1 / (255 * MNIST_STD)).sub(MNIST_MEAN / MNIST_STD));
  }

  /** Sum over the batch of the cross-entropy −Σ y·log p (a scalar). */
  private lossSum(ys: tf.Tensor, out: tf.Tensor): tf.Scalar {
    if (this.opts.fromLogits) return tf.losses.softmaxCrossEntropy(ys, out, undefined, 0, tf.Reduction.SUM) as tf.Scalar;
    // Clipping keeps log(0) = −∞ out when a softmax output underflows.
    return tf.neg(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(out, 1e-7, 1))))) as tf.Scalar;
  }

  private async trainStep(order: Uint32Array, start: number, end: number): Promise<[number, number]> {
    const n = end - start;
    const { x, y } = batchArrays(this.opts.train, order, start, end);
    let accT: tf.Scalar | undefined;
    const lossT = tf.tidy(() => {
      const xs = this.normalize(x, n);
      const labels = tf.tensor1d(y, 'int32');
      const ys = tf.oneHot(labels, this.opts.numClasses ?? 10);
      return this.optimizer.minimize(
        () => {
          const out = this.opts.model.apply(xs, { training: true }) as tf.Tensor2D;
          // Accuracy rides along with the forward pass; keep() lets it outlive minimize's tidy.
          accT = tf.keep(tf.equal(tf.argMax(out, -1), labels).mean() as tf.Scalar);
          return this.lossSum(ys, out).div(n) as tf.Scalar;
        },
        true,
        this.varList,
      ) as tf.Scalar;
    });
    try {
      const [l, a] = await this.watchHealth(Promise.all([lossT.data(), accT!.data()]));
      return [l[0], a[0]];
    } finally {
      lossT.dispose();
      accT?.dispose();
    }
  }

  /**
   * A lost GPU may never answer a read; while waiting, poll the health check so a dead
   * backend turns into an error instead of a stalled run.
   */
  private watchHealth<T>(p: Promise<T>): Promise<T> {
    const check = this.opts.healthCheck;
    if (!check) return p;
    return new Promise<T>((resolve, reject) => {
      const timer = setInterval(() => {
        const bad = check();
        if (bad) {
          clearInterval(timer);
          reject(new Error(bad));
        }
      }, 250);
      p.then(
        (v) => (clearInterval(timer), resolve(v)),
        (e) => (clearInterval(timer), reject(e)),
      );
    });
  }

  private async guardedCheckpoint(...args: Parameters<Trainer['saveCheckpoint']>) {
    try {
      await this.saveCheckpoint(...args);
    } catch (e) {
      throw new TrainerError(errMsg(e), e, this.lastCheckpoint, args[2]);
    }
  }

  private async saveCheckpoint(
    epoch: number,
    batch: number,
    step: number,
    partial: TrainerCheckpoint['partial'],
    earlyStopping: EarlyStoppingState,
    history: EpochMetrics[],
    imagesPerSec: number,
  ): Promise<void> {
    const [weights, optimizer] = await Promise.all([
      packModelWeights(this.opts.model),
      packOptimizerState(this.optimizer),
    ]);
    this.lastCheckpoint = {
      epoch,
      batch,
      step,
      weights,
      optimizer,
      partial: { ...partial },
      earlyStopping: { ...earlyStopping },
      history: history.slice(),
      imagesPerSec,
    };
  }
}

function errMsg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
