/** `npm run bench -- --diag`: where a training step's time goes (bench.worker.ts runs it). */
import * as tf from '@tensorflow/tfjs';
import type { MnistData } from '../ml/data/loader';
import { buildModel } from '../ml/model/builder';
import { MNIST_MEAN, MNIST_STD, SEED_CNN } from '../ml/model/spec';
import { batchArrays, epochOrder } from '../ml/train/dataset';
import { createYielder } from '../ml/train/macrotask';
import { createOptimizer, disposeOptimizer } from '../ml/train/optimizers';
import type { DiagResult } from './protocol';
import { BATCH, CONFIG, SLOW_STEP_MS } from './settings';

/**
 * Diagnostics: the Trainer's per-step math (normalise, forward, cross-entropy, Adam) in a bare
 * loop, once awaiting loss/accuracy data() every step (as Trainer.trainStep does) and once
 * reading them only every `every` steps, so the GPU pipeline is not drained between steps.
 * Plus a tf.profile kernel breakdown of one step.
 */
export async function diagnostics(data: MnistData, seconds: number, slowStepMs: number): Promise<DiagResult> {
  const model = buildModel(SEED_CNN, { seed: CONFIG.seed });
  const opt = createOptimizer('adam', CONFIG.learningRate);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const order = epochOrder(data.count, CONFIG.seed, 0);
  const yieldFn = createYielder();
  const step = (b: number) => {
    const start = (b * BATCH) % (data.count - BATCH);
    const { x, y } = batchArrays(data, order, start, start + BATCH);
    let acc: tf.Scalar | undefined;
    const loss = tf.tidy(() => {
      const xs = tf.tensor4d(x, [BATCH, 28, 28, 1]).mul(1 / (255 * MNIST_STD)).sub(MNIST_MEAN / MNIST_STD);
      const labels = tf.tensor1d(y, 'int32');
      const ys = tf.oneHot(labels, 10);
      return opt.minimize(
        () => {
          const out = model.apply(xs, { training: true }) as tf.Tensor2D;
          acc = tf.keep(tf.equal(tf.argMax(out, -1), labels).mean() as tf.Scalar);
          return tf.neg(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(out, 1e-7, 1))))).div(BATCH) as tf.Scalar;
        },
        true,
        vars,
      ) as tf.Scalar;
    });
    return [loss, acc!] as const;
  };
  let b = 0;
  const every = 10;
  const run = async (pipelined: boolean) => {
    // warm-up
    for (let i = 0; i < 3; i++) {
      const [l, a] = step(b++);
      await Promise.all([l.data(), a.data()]);
      l.dispose();
      a.dispose();
    }
    const pending: tf.Tensor[] = [];
    let n = 0;
    const t0 = performance.now();
    const minSteps = slowStepMs > 1000 ? 2 : every * 2;
    while (n < minSteps || performance.now() - t0 < seconds * 1000 || (pipelined && n % every !== 0)) {
      await yieldFn();
      const [l, a] = step(b++);
      n++;
      if (!pipelined) {
        await Promise.all([l.data(), a.data()]);
        l.dispose();
        a.dispose();
      } else {
        pending.push(l, a);
        if (n % every === 0) {
          await Promise.all(pending.map((t) => t.data()));
          pending.splice(0).forEach((t) => t.dispose());
        }
      }
    }
    await Promise.all(pending.map((t) => t.data()));
    pending.splice(0).forEach((t) => t.dispose());
    return (n * BATCH * 1000) / (performance.now() - t0);
  };
  const syncEveryStepImagesPerSec = await run(false);
  const pipelinedImagesPerSec = await run(true);
  // Kernel times averaged over a few profiled steps (one on a slow backend).
  const profiled = slowStepMs > SLOW_STEP_MS ? 1 : 5;
  const w0 = performance.now();
  const prof = await tf.profile(async () => {
    for (let i = 0; i < profiled; i++) {
      const [l, a] = step(b++);
      await Promise.all([l.data(), a.data()]);
      l.dispose();
      a.dispose();
    }
  });
  const profileWallMs = (performance.now() - w0) / profiled;
  const byKernel = new Map<string, { ms: number; count: number }>();
  let total = 0;
  for (const k of prof.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    // Convolutions are told apart by their output shape (conv1 vs conv2, dW vs dx).
    const key = /conv/i.test(k.name) ? `${k.name}→[${(k.outputShapes[0] ?? []).join('×')}]` : k.name;
    const e = byKernel.get(key) ?? { ms: 0, count: 0 };
    e.ms += ms;
    e.count++;
    total += ms;
    byKernel.set(key, e);
  }
  total /= profiled;
  const profile = [...byKernel.entries()]
    .map(([kernel, e]) => ({ kernel, ms: Math.round((e.ms / profiled) * 100) / 100, count: e.count / profiled }))
    .sort((a, c) => c.ms - a.ms)
    .slice(0, 15);
  disposeOptimizer(opt);
  model.dispose();
  return { syncEveryStepImagesPerSec, pipelinedImagesPerSec, pipelineEvery: every, profile, profileTotalMs: total, profileWallMs };
}
