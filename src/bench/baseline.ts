/**
 * The baseline: the seed CNN trained the plain tfjs-examples way — model.compile + model.fit
 * on the main thread, on whatever backend tfjs picks by default (no worker, no backend
 * choice; only @tensorflow/tfjs is loaded on this page, so that is webgl when it works),
 * with an onBatchEnd callback as the examples use to update their charts.
 * Loaded with a dynamic import, so the worker measurements run with tfjs absent from the page.
 */
import * as tf from '@tensorflow/tfjs';
import { idbBytesCache } from '../ml/data/idbCache';
import { loadManifest, loadSplit } from '../ml/data/loader';
import { IMAGE_SIZE } from '../ml/data/manifest';
import { buildModel } from '../ml/model/builder';
import { MNIST_MEAN, MNIST_STD, SEED_CNN } from '../ml/model/spec';

export interface BaselineOptions {
  trainSeconds: number;
  minSteps: number;
  maxSteps: number;
}

export interface BaselineResult {
  backend: string;
  trainImagesPerSec: number;
  trainSteps: number;
  warmupSteps: number;
  firstStepMs: number;
  medianStepMs: number;
  /** Main-thread timeline: [start, end] of the warm-up fit and of the timed fit. */
  windows: { warmup: [number, number]; timed: [number, number] };
}

const BATCH = 64;

export async function runBaseline(dataUrl: string, opts: BaselineOptions, onBatch: (step: number) => void): Promise<BaselineResult> {
  await tf.ready();
  const backend = tf.getBackend();
  const manifest = await loadManifest({ baseUrl: dataUrl });
  const data = await loadSplit(manifest, 'train', { baseUrl: dataUrl, cache: idbBytesCache(), limit: (opts.maxSteps + 3) * BATCH });

  const model = buildModel(SEED_CNN, { seed: 42 });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  /** xs [n, 28, 28, 1] normalised like the app, ys one-hot [n, 10] (the examples' nextTrainBatch). */
  const tensors = (n: number) =>
    tf.tidy(() => {
      const px = Float32Array.from(data.images.subarray(0, n * IMAGE_SIZE));
      const xs = tf.tensor4d(px, [n, 28, 28, 1]).mul(1 / (255 * MNIST_STD)).sub(MNIST_MEAN / MNIST_STD);
      const ys = tf.oneHot(tf.tensor1d(Int32Array.from(data.labels.subarray(0, n)), 'int32'), 10);
      return [xs, ys] as const;
    });
  let step = 0;
  const fit = async (batches: number) => {
    const [xs, ys] = tensors(batches * BATCH);
    const times: number[] = [];
    const t0 = performance.now();
    try {
      await model.fit(xs, ys, {
        batchSize: BATCH,
        epochs: 1,
        shuffle: true,
        callbacks: {
          onBatchEnd: async () => {
            times.push(performance.now());
            onBatch(++step);
          },
        },
      });
    } finally {
      xs.dispose();
      ys.dispose();
    }
    return { t0, t1: performance.now(), times };
  };
  // Warm-up fit (shader compilation) and a first estimate of the step time.
  const warm = await fit(2);
  const est = warm.times[1] - warm.times[0];
  const steps = Math.min(opts.maxSteps, Math.max(opts.minSteps, Math.round((opts.trainSeconds * 1000) / est)));
  const run = await fit(steps);
  const diffs = run.times.slice(1).map((t, i) => t - run.times[i]).sort((a, b) => a - b);
  model.dispose();
  return {
    backend,
    // From the end of the first batch to the end of the last one.
    trainImagesPerSec: ((steps - 1) * BATCH * 1000) / (run.times[steps - 1] - run.times[0]),
    trainSteps: steps - 1,
    warmupSteps: 2 + 1,
    firstStepMs: warm.times[0] - warm.t0,
    medianStepMs: diffs[Math.floor(diffs.length / 2)],
    windows: { warmup: [warm.t0, warm.t1], timed: [run.t0, run.t1] },
  };
}
