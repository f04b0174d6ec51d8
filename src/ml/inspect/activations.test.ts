import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/builder';
import { MNIST_MEAN, MNIST_STD, SEED_CNN, type ModelSpec } from '../model/spec';
import { extractActivations, firstConvFilters, tapLayers } from './activations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A blurry diagonal stroke, so every filter sees some structure. */
function digit(): Uint8Array {
  const img = new Uint8Array(784);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const d = Math.abs(x - y) / Math.SQRT2;
      if (y > 4 && y < 24) img[y * 28 + x] = Math.max(0, Math.round(255 * (1 - d / 2.5)));
    }
  }
  return img;
}

const norm = (v: number) => (v / 255 - MNIST_MEAN) / MNIST_STD;

describe('extractActivations on the seed CNN', () => {
  it('returns every conv and pooling output with the right shapes, the filters and the probabilities', async () => {
    const model = buildModel(SEED_CNN, { seed: 7 });
    const img = digit();
    const r = await extractActivations(model, img, { inputShape: [28, 28, 1], fromLogits: false });
    expect(r.layers.map((l) => [l.name, l.kind, l.shape])).toEqual([
      ['conv2d_0', 'conv', [26, 26, 32]],
      ['maxPool_1', 'pool', [13, 13, 32]],
      ['conv2d_2', 'conv', [11, 11, 64]],
      ['maxPool_3', 'pool', [5, 5, 64]],
    ]);
    for (const l of r.layers) expect(l.data.length).toBe(l.shape[0] * l.shape[1] * l.shape[2]);
    expect(r.layers[0].activation).toBe('relu');
    expect(r.filters?.shape).toEqual([3, 3, 1, 32]);
    expect(r.filters?.data.length).toBe(288);
    expect(r.probs.length).toBe(10);
    expect(r.probs.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);

    // The numbers are the real ones: conv1 at (row 10, col 9), filter 5 = relu(Σ w·x + b) …
    const f = r.filters!;
    const conv = r.layers[0];
    const at = (y: number, x: number, c: number) => conv.data[(y * 26 + x) * 32 + c];
    let s = f.bias![5];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += f.data[(i * 3 + j) * 32 + 5] * norm(img[(10 + i) * 28 + 9 + j]);
    expect(at(10, 9, 5)).toBeCloseTo(Math.max(0, s), 4);
    expect(conv.data.every((v) => v >= 0)).toBe(true);
    // … and pool1 at (4, 6), channel 5 is the max of the 2×2 conv1 window below it.
    const pool = r.layers[1];
    const win = [at(8, 12, 5), at(8, 13, 5), at(9, 12, 5), at(9, 13, 5)];
    expect(pool.data[(4 * 13 + 6) * 32 + 5]).toBeCloseTo(Math.max(...win), 6);

    // Probabilities equal the whole model's prediction.
    const x = tf.tensor4d(Float32Array.from(img, norm), [1, 28, 28, 1]);
    const y = model.predict(x) as tf.Tensor;
    const p = await y.data();
    tf.dispose([x, y]);
    for (let k = 0; k < 10; k++) expect(r.probs[k]).toBeCloseTo(p[k], 6);
    model.dispose();
  });

  it('leaves the trained model intact and leaks no tensors when called repeatedly', async () => {
    const model = buildModel(SEED_CNN, { seed: 3 });
    const img = digit();
    const first = await extractActivations(model, img, { inputShape: [28, 28, 1], fromLogits: false });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await extractActivations(model, img, { inputShape: [28, 28, 1], fromLogits: false });
    expect(tf.memory().numTensors).toBe(before);
    const again = await extractActivations(model, img, { inputShape: [28, 28, 1], fromLogits: false });
    expect(Array.from(again.probs)).toEqual(Array.from(first.probs));
    // The filters are copies: changing them does not touch the model's weights.
    const f = await firstConvFilters(model);
    f!.data.fill(0);
    const f2 = await firstConvFilters(model);
    expect(f2!.data.some((v) => v !== 0)).toBe(true);
    model.dispose();
  });

  it('shows maps after a LeakyReLU (negative values survive) and finds no taps in an MLP', async () => {
    const spec: ModelSpec = {
      inputShape: [28, 28, 1],
      layers: [
        { type: 'conv2d', filters: 4, kernelSize: 5, activation: 'leakyRelu' },
        { type: 'avgPool', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 10 },
      ],
    };
    const model = buildModel(spec, { seed: 2 });
    const r = await extractActivations(model, digit(), { inputShape: [28, 28, 1], fromLogits: true });
    expect(r.layers.map((l) => [l.name, l.activation, l.shape])).toEqual([
      ['conv2d_0', 'leakyRelu', [24, 24, 4]],
      ['avgPool_1', '', [12, 12, 4]],
    ]);
    expect(r.layers[0].data.some((v) => v < 0)).toBe(true);
    expect(r.probs.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
    model.dispose();

    const mlp = buildModel({ inputShape: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] });
    expect(tapLayers(mlp)).toEqual([]);
    const m = await extractActivations(mlp, digit(), { inputShape: [28, 28, 1], fromLogits: false });
    expect(m.layers).toEqual([]);
    expect(m.filters).toBeNull();
    mlp.dispose();
  });
});
