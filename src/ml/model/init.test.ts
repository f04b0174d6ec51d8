import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, outputsLogits } from './builder';
import type { InitName, ModelSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dense = (init: InitName): ModelSpec => ({
  inputShape: [28, 28, 1],
  init,
  layers: [{ type: 'flatten' }, { type: 'dense', units: 256, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }],
});

async function stats(model: tf.LayersModel, i: number) {
  const v = (await model.weights[i].read().data()) as Float32Array;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  const max = v.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
  return { mean, std, max };
}

describe('weight initialisation', () => {
  it('glorotUniform: U(±√(6/(fanIn+fanOut)))', async () => {
    const m = buildModel(dense('glorotUniform'), { seed: 1 });
    const limit = Math.sqrt(6 / (784 + 256));
    const s = await stats(m, 0);
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.std).toBeCloseTo(limit / Math.sqrt(3), 2);
    expect((await stats(m, 1)).max).toBe(0); // biases start at zero
    m.dispose();
  });

  it('heNormal: std √(2/fanIn)', async () => {
    const m = buildModel(dense('heNormal'), { seed: 1 });
    expect((await stats(m, 0)).std / Math.sqrt(2 / 784)).toBeGreaterThan(0.85);
    expect((await stats(m, 0)).std / Math.sqrt(2 / 784)).toBeLessThan(1.1);
    m.dispose();
  });

  it('randomNormal: std 0.05', async () => {
    const m = buildModel(dense('randomNormal'), { seed: 1 });
    expect((await stats(m, 0)).std).toBeCloseTo(0.05, 2);
    m.dispose();
  });
});

describe('seeded dropout', () => {
  const spec: ModelSpec = { inputShape: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'dropout', rate: 0.5 }] };
  const masks = async (seed: number) => {
    const m = buildModel(spec, { seed });
    const x = tf.ones([1, 28, 28, 1]);
    const out: number[][] = [];
    for (let i = 0; i < 2; i++) {
      const y = m.apply(x, { training: true }) as tf.Tensor;
      out.push(Array.from(await y.data()));
      y.dispose();
    }
    const inference = m.apply(x) as tf.Tensor;
    const same = Array.from(await inference.data()).every((v) => v === 1);
    tf.dispose([x, inference]);
    m.dispose();
    return { out, same };
  };

  it('draws a new mask every batch, the same sequence for the same seed, nothing at inference', async () => {
    const a = await masks(3);
    const b = await masks(3);
    expect(a.out[0]).not.toEqual(a.out[1]);
    expect(b.out).toEqual(a.out);
    // Inverted dropout: survivors are scaled by 1/(1−rate) = 2.
    expect(new Set(a.out[0])).toEqual(new Set([0, 2]));
    expect(a.same).toBe(true);
  });

  it('outputsLogits: true without a final softmax', () => {
    expect(outputsLogits(dense('heNormal'))).toBe(false);
    expect(outputsLogits({ inputShape: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'dense', units: 10 }] })).toBe(true);
  });
});
