import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../data/manifest';
import { MNIST_MEAN, MNIST_STD } from '../model/spec';

/**
 * uint8 images (0–255, 784 per image) → a normalised [n, h, w, c] batch:
 * (x/255 − 0.1307) / 0.3081, the same constants training used. Call inside tf.tidy.
 */
export function toInputBatch(images: Uint8Array, start: number, n: number, inputShape: [number, number, number]): tf.Tensor4D {
  const [h, w, c] = inputShape;
  if (h * w * c !== IMAGE_SIZE) throw new Error(`input shape ${inputShape.join('×')} does not hold a 28×28 image`);
  const pixels = images.subarray(start * IMAGE_SIZE, (start + n) * IMAGE_SIZE);
  if (pixels.length !== n * IMAGE_SIZE) throw new Error(`expected ${n} images, got ${pixels.length / IMAGE_SIZE}`);
  return tf
    .tensor4d(Float32Array.from(pixels), [n, h, w, c])
    .mul(1 / (255 * MNIST_STD))
    .sub(MNIST_MEAN / MNIST_STD) as tf.Tensor4D;
}
