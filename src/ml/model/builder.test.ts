import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './builder';
import { SEED_CNN, type ModelSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildModel', () => {
  it('builds the seed CNN with 121,930 parameters and the expected shapes', () => {
    const model = buildModel(SEED_CNN, { seed: 1 });
    expect(model.countParams()).toBe(121_930);
    expect(model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual([
      [26, 26, 32],
      [13, 13, 32],
      [11, 11, 64],
      [5, 5, 64],
      [1600],
      [64],
      [10],
    ]);
    const y = tf.tidy(() => model.predict(tf.zeros([3, 28, 28, 1])) as tf.Tensor);
    expect(y.shape).toEqual([3, 10]);
    // softmax rows sum to 1
    expect(Array.from(y.sum(1).dataSync()).every((s) => Math.abs(s - 1) < 1e-5)).toBe(true);
    y.dispose();
    model.dispose();
  });

  it('gives the same initial weights for the same seed', () => {
    const a = buildModel(SEED_CNN, { seed: 7 });
    const b = buildModel(SEED_CNN, { seed: 7 });
    const c = buildModel(SEED_CNN, { seed: 8 });
    const first = (m: tf.LayersModel) => Array.from(m.getWeights()[0].dataSync().slice(0, 5));
    expect(first(a)).toEqual(first(b));
    expect(first(a)).not.toEqual(first(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('honours same padding, strides and the MLP shape', () => {
    const spec: ModelSpec = {
      inputShape: [28, 28, 1],
      layers: [
        { type: 'conv2d', filters: 8, kernelSize: 5, padding: 'same', strides: 2, activation: 'relu' },
        { type: 'flatten' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    };
    const m = buildModel(spec);
    expect((m.layers[0].outputShape as number[]).slice(1)).toEqual([14, 14, 8]);
    expect(m.countParams()).toBe(5 * 5 * 8 + 8 + 14 * 14 * 8 * 10 + 10);
    m.dispose();
  });
});
