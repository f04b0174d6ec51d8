/**
 * The seed CNN and a custom training step, shared by the gradient tests and the
 * Node benchmark (scripts/bench-node-wasm.ts). Mirrors SEED_CNN in
 * src/ml/model/spec.ts with plain tf.layers calls so it does not depend on the
 * app's model builder.
 */
import * as tf from '@tensorflow/tfjs';

/** input 28×28×1 → conv 32 3×3 relu → maxpool 2 → conv 64 3×3 relu → maxpool 2 → dense 64 relu → dense 10 softmax. */
export function buildSeedCnn(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

/** Deterministic pseudo-random floats in [-scale, scale) (no tf RNG, so identical on every backend). */
export function detRandom(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 4294967296 - 0.5) * 2 * scale;
  }
  return out;
}

/** Sets every weight of `model` from `detRandom`, scaled like Glorot so activations stay O(1). */
export function setDeterministicWeights(model: tf.LayersModel, seed = 1): void {
  const weights = model.getWeights().map((w, i) => {
    const fanIn = w.shape.length > 1 ? w.shape.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
    const scale = w.shape.length > 1 ? Math.sqrt(3 / fanIn) : 0.1;
    return tf.tensor(detRandom(w.size, seed + 17 * i, scale), w.shape);
  });
  model.setWeights(weights);
  tf.dispose(weights);
}

/** A deterministic MNIST-shaped batch: x [n, 28, 28, 1], one-hot y [n, 10]. */
export function makeBatch(n: number, seed = 7): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const x = tf.tensor4d(detRandom(n * 784, seed, 1.5), [n, 28, 28, 1]);
  const labels = Array.from({ length: n }, (_, i) => (i * 7 + seed) % 10);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D;
  return { x, y };
}

/** Mean cross-entropy −Σ y·log(clip(p)) / n of the softmax outputs, as the app's trainer computes it. */
export function lossFn(model: tf.LayersModel, x: tf.Tensor4D, y: tf.Tensor2D): tf.Scalar {
  const p = model.apply(x, { training: true }) as tf.Tensor2D;
  return tf.div(tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, 1e-7, 1))))), x.shape[0]) as tf.Scalar;
}

/** One optimizer step; returns the loss (caller disposes). */
export function trainStep(model: tf.LayersModel, opt: tf.Optimizer, x: tf.Tensor4D, y: tf.Tensor2D): tf.Scalar {
  const loss = opt.minimize(() => lossFn(model, x, y), true);
  if (loss == null) throw new Error('minimize returned no loss');
  return loss;
}
