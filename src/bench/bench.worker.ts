/// <reference lib="webworker" />
/**
 * The benchmark worker. It trains exactly like the app's training worker (runner.ts): the
 * backend is activated by select.ts' activateBackend (wasm paths, fast wasm gradients), the
 * data come from the same loader and IndexedDB cache, the model from buildModel(SEED_CNN),
 * and training runs through the app's Trainer (normalisation, Adam, per-batch loss/accuracy
 * reads, macrotask yields, 2-second checkpoints, backend health checks), posting one message
 * per batch as the app does. Only the timing around it is new.
 */
import * as tf from '@tensorflow/tfjs';
import { activateBackend, softwareRenderer, watchBackendHealth } from '../ml/backends/select';
import { installFastGradients } from '../ml/backends/wasmGradients';
import { idbBytesCache } from '../ml/data/idbCache';
import { loadManifest, loadSplit, type MnistData } from '../ml/data/loader';
import { IMAGE_SIZE } from '../ml/data/manifest';
import { buildModel, outputsLogits } from '../ml/model/builder';
import { predictProbs } from '../ml/model/predict';
import { SEED_CNN } from '../ml/model/spec';
import { Trainer, type TrainerOptions } from '../ml/train/trainer';
import type { TrainConfig } from '../ml/train/types';
import type { BackendName } from '../worker/protocol';
import { diagnostics } from './diagnostics';
import type { BackendResult, BenchCommand, BenchEvent, DiagResult, FullEpoch, MeasureOptions } from './protocol';
import { BATCH, CONFIG, SLOW_STEP_MS } from './settings';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (ev: BenchEvent) => scope.postMessage(ev);
const log = (text: string) => post({ type: 'log', text });


function slice(data: MnistData, count: number): MnistData {
  const n = Math.min(count, data.count);
  return { images: data.images.subarray(0, n * IMAGE_SIZE), labels: data.labels.subarray(0, n), count: n };
}

async function loadData(dataUrl: string, split: 'train' | 'test', limit?: number): Promise<MnistData> {
  const manifest = await loadManifest({ baseUrl: dataUrl });
  return loadSplit(manifest, split, { baseUrl: dataUrl, cache: idbBytesCache(), limit });
}

function rendererOf(backend: BackendName): string | null {
  const sw = softwareRenderer(backend);
  if (sw) return sw;
  try {
    const b = tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string; description?: string } };
    if (backend === 'webgpu' && b.adapterInfo) return `${b.adapterInfo.vendor ?? ''} ${b.adapterInfo.architecture ?? ''}`.trim() || null;
  } catch {
    // unknown
  }
  return null;
}

/** A Trainer set up as runner.ts sets it up (same options, same health check, one post per batch). */
function makeTrainer(
  backend: BackendName,
  model: tf.LayersModel,
  config: TrainConfig,
  train: MnistData,
  extra: Partial<TrainerOptions> & { onBatch?: NonNullable<TrainerOptions['callbacks']>['onBatch'] },
): Trainer {
  const health = watchBackendHealth(backend);
  const { onBatch, ...rest } = extra;
  return new Trainer({
    model,
    config,
    train,
    val: null,
    fromLogits: outputsLogits(SEED_CNN),
    inputShape: SEED_CNN.inputShape,
    healthCheck: () => health.check(),
    ...rest,
    callbacks: {
      ...rest.callbacks,
      onBatch: (m) => {
        post({ type: 'batch', step: m.step, loss: m.loss, imagesPerSec: m.imagesPerSec });
        onBatch?.(m);
      },
    },
  });
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};


/**
 * Timed training through the Trainer. The first step compiles shaders / JITs. A fast backend
 * gets 3 warm-up steps, then a number of timed steps picked from the last warm-up step's time.
 * A slow one (> 1 s per step) stops after its second step, whose time is the first estimate;
 * its timing continues in the leak check (see measure()).
 */
async function timeTraining(backend: BackendName, data: MnistData, opts: MeasureOptions) {
  const model = buildModel(SEED_CNN, { seed: CONFIG.seed });
  const times: number[] = [];
  let slow = false;
  let steps = 0;
  let lastLoss = NaN;
  const warmup = 3;
  const maxSteps = Math.min(opts.maxSteps, Math.floor(data.count / BATCH) - warmup);
  const trainer: Trainer = makeTrainer(backend, model, { ...CONFIG, epochs: 1 }, data, {
    onBatch: (m) => {
      times.push(performance.now());
      lastLoss = m.loss;
      const n = times.length;
      if (n === 2 && times[1] - times[0] > SLOW_STEP_MS) {
        slow = true;
        trainer.stop();
      } else if (n === warmup + 1) {
        steps = clamp(Math.round((opts.trainSeconds * 1000) / (times[3] - times[2])), opts.minSteps, maxSteps);
      }
      if (steps && n >= warmup + steps) trainer.stop();
    },
  });
  const t0 = performance.now();
  try {
    await trainer.run();
  } finally {
    trainer.dispose();
  }
  const firstStepMs = times[0] - t0;
  if (slow) {
    const est = times[1] - times[0];
    log(`${backend}: first step ${firstStepMs.toFixed(0)} ms, then ${est.toFixed(0)} ms/step: slow, timing continues in the leak check`);
    return { model, slow, firstStepMs, est, lastLoss };
  }
  if (times.length < warmup + steps || steps === 0) throw new Error(`training ended after ${times.length} steps`);
  const timed = times.slice(warmup - 1, warmup + steps);
  const diffs = timed.slice(1).map((t, i) => t - timed[i]);
  log(`${backend}: first step ${firstStepMs.toFixed(0)} ms; timed ${steps} steps after ${warmup} warm-up`);
  return {
    model,
    slow,
    firstStepMs,
    est: times[3] - times[2],
    lastLoss,
    timing: {
      trainImagesPerSec: (steps * BATCH * 1000) / (timed[timed.length - 1] - timed[0]),
      trainSteps: steps,
      warmupSteps: warmup,
      medianStepMs: median(diffs),
    },
  };
}

/**
 * numTensors over `epochs` epochs of `stepsPerEpoch` steps, through the Trainer: after the
 * first step (the optimizer's state exists from then on) and at the end of the last epoch.
 * Also returns each step's end time.
 */
async function leakCheck(backend: BackendName, data: MnistData, stepsPerEpoch: number, epochs: number) {
  const before = tf.memory();
  const model = buildModel(SEED_CNN, { seed: CONFIG.seed });
  let first: tf.MemoryInfo | null = null;
  let last: tf.MemoryInfo | null = null;
  const times: number[] = [];
  let lastLoss = NaN;
  const trainer = makeTrainer(backend, model, { ...CONFIG, epochs }, slice(data, stepsPerEpoch * BATCH), {
    onBatch: (m) => {
      times.push(performance.now());
      lastLoss = m.loss;
      if (!first) first = tf.memory();
    },
    callbacks: {
      onEpoch: (m) => {
        if (m.epoch === epochs - 1) last = tf.memory();
      },
    },
  });
  try {
    await trainer.run();
  } finally {
    trainer.dispose();
    model.dispose();
  }
  const after = tf.memory();
  if (!first || !last) throw new Error('leak check did not finish');
  const f = first as tf.MemoryInfo;
  const l = last as tf.MemoryInfo;
  return {
    numTensorsDelta: l.numTensors - f.numTensors,
    numBytesDelta: l.numBytes - f.numBytes,
    numTensorsDeltaLifecycle: after.numTensors - before.numTensors,
    times,
    lastLoss,
  };
}

/** Inference images/s through predictProbs (the app's predict path), `batch` images per call. */
async function timeForward(model: tf.LayersModel, data: MnistData, batch: number, seconds: number) {
  const images = data.images.subarray(0, batch * IMAGE_SIZE);
  const call = () => predictProbs(model, SEED_CNN, images, batch, batch);
  // Warm-up (compiles the inference shaders): two calls, one when a call takes over a second.
  const w0 = performance.now();
  await call();
  const slow = performance.now() - w0 > SLOW_STEP_MS;
  if (!slow) await call();
  const minCalls = slow ? 1 : 3;
  let calls = 0;
  const t0 = performance.now();
  while (calls < minCalls || performance.now() - t0 < seconds * 1000) {
    await call();
    calls++;
  }
  return (calls * batch * 1000) / (performance.now() - t0);
}

async function measure(cmd: Extract<BenchCommand, { type: 'measure' }>) {
  const { backend, opts } = cmd;
  const started = performance.now();
  if (!(await activateBackend(backend, cmd.wasmUrl))) {
    post({ type: 'ready', backend, ok: false, renderer: null, error: 'did not initialise' });
    return;
  }
  const renderer = rendererOf(backend);
  post({ type: 'ready', backend, ok: true, renderer });
  // Enough examples for warm-up + the longest timed run (two 10,000-image shards).
  const data = await loadData(cmd.dataUrl, 'train', (opts.maxSteps + 3) * BATCH);
  installFastGradients(); // as runner.ts does before building the model
  post({ type: 'phase', phase: 'train' });
  const t = await timeTraining(backend, data, opts);
  let timing = t.timing;
  let finalLoss = t.lastLoss;
  // Fast backends: 3 epochs of up to 50 steps. Slow ones: as many as fit in leakSeconds
  // (at least 1 per epoch); their timing is the estimate step plus these steps.
  const leakSteps = clamp(Math.floor((opts.leakSeconds * 1000) / (3 * (timing?.medianStepMs ?? t.est))), opts.leakMinSteps, opts.leakMaxSteps);
  log(`${backend}: leak check over 3 × ${leakSteps} steps`);
  const leak = await leakCheck(backend, data, leakSteps, 3);
  post({ type: 'phase', phase: 'idle' });
  if (!timing) {
    const lt = leak.times;
    const diffs = [t.est, ...lt.slice(1).map((v, i) => v - lt[i])];
    timing = {
      trainImagesPerSec: (diffs.length * BATCH * 1000) / diffs.reduce((a, b) => a + b, 0),
      trainSteps: diffs.length,
      warmupSteps: 1,
      medianStepMs: median(diffs),
    };
    finalLoss = leak.lastLoss;
  }
  log(`${backend}: ${timing.trainImagesPerSec.toFixed(1)} training images/s, numTensors delta ${leak.numTensorsDelta}; forward next`);
  const forward = await timeForward(t.model, data, BATCH, opts.forwardSeconds);
  const largeBatch = 1000;
  const forwardLarge = largeBatch / forward < opts.forwardSeconds ? await timeForward(t.model, data, largeBatch, opts.forwardSeconds) : null;
  t.model.dispose();
  let diag: DiagResult | undefined;
  if (opts.diag) {
    log(`${backend}: diagnostics`);
    diag = await diagnostics(data, opts.trainSeconds / 2, timing.medianStepMs);
  }
  const result: BackendResult = {
    backend,
    renderer,
    ...timing,
    firstStepMs: t.firstStepMs,
    forwardImagesPerSec: forward,
    forwardBatch: BATCH,
    forwardImagesPerSecLarge: forwardLarge,
    forwardBatchLarge: largeBatch,
    numTensorsDelta: leak.numTensorsDelta,
    numBytesDelta: leak.numBytesDelta,
    numTensorsDeltaLifecycle: leak.numTensorsDeltaLifecycle,
    leakEpochs: 3,
    leakStepsPerEpoch: leakSteps,
    finalLoss,
    ...(diag ? { diag } : {}),
    seconds: (performance.now() - started) / 1000,
  };
  post({ type: 'measured', result });
}

/** The seed CNN on all 60,000 training images, test accuracy on the 10,000 test images after every epoch. */
async function full(cmd: Extract<BenchCommand, { type: 'full' }>) {
  const { backend } = cmd;
  if (!(await activateBackend(backend, cmd.wasmUrl))) {
    post({ type: 'error', detail: `${backend} did not initialise` });
    return;
  }
  const train = await loadData(cmd.dataUrl, 'train');
  const test = await loadData(cmd.dataUrl, 'test');
  log(`full: ${train.count} training / ${test.count} test images on ${backend}, ${cmd.opts.epochs} epochs`);
  installFastGradients();
  const model = buildModel(SEED_CNN, { seed: CONFIG.seed });
  const epochs: FullEpoch[] = [];
  // The test split rides in the Trainer's validation slot: it is evaluated after every epoch
  // (dropout off, batch 500) and never trained on.
  let lastLog = performance.now();
  const trainer: Trainer = makeTrainer(backend, model, { ...CONFIG, epochs: cmd.opts.epochs }, train, {
    val: test,
    onBatch: (m) => {
      const now = performance.now();
      if (now - lastLog < 15_000) return;
      lastLog = now;
      log(`epoch ${m.epoch + 1}/${cmd.opts.epochs}: batch ${m.batch + 1}/${trainer.stepsPerEpoch}, loss ${m.loss.toFixed(4)}, ${m.imagesPerSec.toFixed(0)} img/s`);
    },
    callbacks: {
      onEpoch: (m) => {
        const e: FullEpoch = {
          epoch: m.epoch + 1,
          trainLoss: m.loss,
          trainAcc: m.acc,
          testLoss: m.valLoss ?? NaN,
          testAcc: m.valAcc ?? NaN,
          trainSeconds: (m.imagesPerSec > 0 ? train.count / m.imagesPerSec : NaN),
          seconds: m.seconds,
          imagesPerSec: m.imagesPerSec,
        };
        epochs.push(e);
        post({ type: 'epoch', epoch: e });
      },
    },
  });
  post({ type: 'phase', phase: 'train' });
  try {
    await trainer.run();
  } finally {
    trainer.dispose();
    model.dispose();
    post({ type: 'phase', phase: 'idle' });
  }
  post({ type: 'full', result: { backend, epochs, trainCount: train.count, testCount: test.count } });
}

scope.onmessage = (e: MessageEvent<BenchCommand>) => {
  const cmd = e.data;
  (cmd.type === 'measure' ? measure(cmd) : full(cmd)).catch((err: unknown) =>
    post({ type: 'error', detail: err instanceof Error ? `${err.message}` : String(err) }),
  );
};
