import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../data/manifest';
import { outputsLogits } from './builder';
import { MNIST_MEAN, MNIST_STD, type ModelSpec } from './spec';

/**
 * Class probabilities for uint8 images: pixels [count × 784] (0–255) are normalised like in
 * training, run through the model in inference mode (dropout off, batch norm on its moving
 * averages) in chunks, and a softmax is applied when the model outputs logits.
 * Returns probabilities [count × classes], row-major; reads asynchronously.
 */
export async function predictProbs(
  model: tf.LayersModel,
  spec: ModelSpec,
  images: Uint8Array,
  count: number,
  chunk = 1000,
): Promise<Float32Array> {
  if (!Number.isInteger(count) || count < 0 || images?.length !== count * IMAGE_SIZE) {
    throw new RangeError(`expected ${count} × ${IMAGE_SIZE} pixels, got ${images?.length}`);
  }
  const [h, w, c] = spec.inputShape;
  const logits = outputsLogits(spec);
  const parts: Float32Array[] = [];
  for (let start = 0; start < count; start += chunk) {
    const n = Math.min(chunk, count - start);
    const out = tf.tidy(() => {
      const x = tf
        .tensor4d(Float32Array.from(images.subarray(start * IMAGE_SIZE, (start + n) * IMAGE_SIZE)), [n, h, w, c])
        .mul(1 / (255 * MNIST_STD))
        .sub(MNIST_MEAN / MNIST_STD);
      const y = model.apply(x, { training: false }) as tf.Tensor;
      return logits ? tf.softmax(y) : y;
    });
    try {
      parts.push((await out.data()) as Float32Array);
    } finally {
      out.dispose();
    }
  }
  const probs = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    probs.set(p, offset);
    offset += p.length;
  }
  return probs;
}
