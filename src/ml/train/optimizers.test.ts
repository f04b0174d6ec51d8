import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/builder';
import { SEED_CNN } from '../model/spec';
import { loadModelWeights, loadOptimizerState, packModelWeights, packOptimizerState, packTensors, unpackTensors } from './checkpoint';
import { createOptimizer, disposeOptimizer, getLearningRate, setLearningRate } from './optimizers';
import { OPTIMIZERS } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** One step minimising sum(w) (gradient 1 everywhere) from w = 0; returns the new w[0]. */
async function stepOnce(opt: tf.Optimizer, w: tf.Variable) {
  opt.minimize(() => w.sum() as tf.Scalar, false, [w]);
  return (await w.data())[0];
}

describe('optimizers', () => {
  it.each(OPTIMIZERS)('%s honours setLearningRate and disposes cleanly', async (name) => {
    const before = tf.memory().numTensors;
    const opt = createOptimizer(name, 0.5);
    setLearningRate(opt, 0.01);
    expect(getLearningRate(opt)).toBe(0.01);
    const init = tf.zeros([3]);
    const w = tf.variable(init);
    init.dispose();
    const w1 = await stepOnce(opt, w);
    // Every optimizer's first step on a gradient of 1 moves by about lr (adagrad: lr/√(0.1+1)).
    const expected = { sgd: -0.01, momentum: -0.01, adagrad: -0.01 / Math.sqrt(1.1), rmsprop: -0.01 / Math.sqrt(0.1), adam: -0.01 }[name];
    expect(w1).toBeCloseTo(expected, 4);
    disposeOptimizer(opt);
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(OPTIMIZERS)('%s state survives pack/restore', async (name) => {
    const a = createOptimizer(name, 0.1);
    const wa = tf.variable(tf.tensor([0, 0]), true, 'wa');
    for (let i = 0; i < 3; i++) await stepOnce(a, wa);
    const state = await packOptimizerState(a);
    const wb = tf.variable(tf.tensor(await wa.data()), true, 'wb');
    const b = createOptimizer(name, 0.1);
    await loadOptimizerState(b, state);
    const next = [await stepOnce(a, wa), await stepOnce(b, wb)];
    expect(next[1]).toBeCloseTo(next[0], 5);
    [a, b].forEach(disposeOptimizer);
    [wa, wb].forEach((v) => v.dispose());
  });
});

describe('optimizers on wasm (fused adam)', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('adam matches the stock update and its state survives pack/restore', async () => {
    const run = async (opt: tf.Optimizer, name: string) => {
      const w = tf.variable(tf.tensor([0.5, -1, 2]), true, name);
      for (let i = 0; i < 3; i++) opt.minimize(() => w.square().sum() as tf.Scalar, false, [w]);
      return w;
    };
    const fused = createOptimizer('adam', 0.1);
    const stock = tf.train.adam(0.1, 0.9, 0.999);
    const a = await run(fused, 'fa');
    const b = await run(stock, 'fb');
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    const restored = createOptimizer('adam', 0.1);
    await loadOptimizerState(restored, await packOptimizerState(fused));
    const c = tf.variable(tf.tensor(await a.data()), true, 'fc');
    fused.minimize(() => a.square().sum() as tf.Scalar, false, [a]);
    restored.minimize(() => c.square().sum() as tf.Scalar, false, [c]);
    expect(Array.from(await c.data())).toEqual(Array.from(await a.data()));
    [fused, restored].forEach(disposeOptimizer);
    stock.dispose();
    tf.dispose([a, b, c]);
  });
});

describe('checkpoint', () => {
  it('packs and unpacks tensors of several dtypes', async () => {
    const f = tf.tensor([[1.5, -2], [3, 4]]);
    const i = tf.tensor([7, 8, 9], [3], 'int32');
    const packed = await packTensors([
      { name: 'f', tensor: f },
      { name: 'i', tensor: i },
    ]);
    expect(packed.data.byteLength).toBe(7 * 4);
    const back = unpackTensors(packed);
    expect(back.map((b) => [b.name, b.tensor.shape, b.tensor.dtype])).toEqual([
      ['f', [2, 2], 'float32'],
      ['i', [3], 'int32'],
    ]);
    expect(Array.from(await back[1].tensor.data())).toEqual([7, 8, 9]);
    tf.dispose([f, i, ...back.map((b) => b.tensor)]);
  });

  it('copies model weights between models and rejects another architecture', async () => {
    const a = buildModel(SEED_CNN, { seed: 1 });
    const b = buildModel(SEED_CNN, { seed: 2 });
    const packed = await packModelWeights(a);
    expect(packed.specs).toHaveLength(8);
    loadModelWeights(b, packed);
    expect(Array.from(await b.weights[2].read().data())).toEqual(Array.from(await a.weights[2].read().data()));
    const other = buildModel({ inputShape: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'dense', units: 10 }] });
    expect(() => loadModelWeights(other, packed)).toThrow(/expected 2 weight tensors/);
    [a, b, other].forEach((m) => m.dispose());
  });
});
