import { describe, expect, it } from 'vitest';
import { validateConfig } from './config';
import { epochOrder, gather, splitTrainVal } from './dataset';
import { initialEarlyStopping, updateEarlyStopping } from './earlyStopping';
import { createRng, deriveSeed, permutation } from './rng';
import { syntheticMnist } from './synthetic';
import { DEFAULT_TRAIN_CONFIG } from './types';

describe('rng', () => {
  it('is deterministic per seed and uniform-ish', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / 1000 - 0.5)).toBeLessThan(0.05);
    expect(createRng(43).next()).not.toBe(xs[0]);
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(1, 3));
  });

  it('permutation contains every index once', () => {
    const p = permutation(100, createRng(1));
    expect([...p].sort((x, y) => x - y)).toEqual([...Array(100).keys()]);
    expect([...p]).not.toEqual([...Array(100).keys()]);
  });
});

describe('dataset', () => {
  const data = syntheticMnist(100, 5);

  it('splits with a seed: disjoint, complete, repeatable', () => {
    const a = splitTrainVal(data, { validationSplit: 0.2, seed: 1 });
    const b = splitTrainVal(data, { validationSplit: 0.2, seed: 1 });
    expect(a.train.count).toBe(80);
    expect(a.val!.count).toBe(20);
    expect(a.val!.images).toEqual(b.val!.images);
    const c = splitTrainVal(data, { validationSplit: 0.2, seed: 2 });
    expect(c.val!.images).not.toEqual(a.val!.images);
    const labels = (d: { labels: Uint8Array }) => [...d.labels];
    expect([...labels(a.train), ...labels(a.val!)].sort()).toEqual(labels(data).sort());
  });

  it('applies subset first and allows no validation', () => {
    const r = splitTrainVal(data, { validationSplit: 0, seed: 1, subset: 30 });
    expect(r.val).toBeNull();
    expect(r.train.labels).toEqual(data.labels.slice(0, 30));
    expect(gather(data, [3]).images).toEqual(data.images.slice(3 * 784, 4 * 784));
  });

  it('epoch orders differ per epoch but replay', () => {
    expect(epochOrder(50, 1, 0)).toEqual(epochOrder(50, 1, 0));
    expect(epochOrder(50, 1, 0)).not.toEqual(epochOrder(50, 1, 1));
  });
});

describe('early stopping', () => {
  it('stops after patience epochs without an improvement larger than minDelta', () => {
    const opts = { patience: 2, minDelta: 0.01 };
    let s = initialEarlyStopping();
    const stops: boolean[] = [];
    for (const loss of [1, 0.5, 0.495, 0.6, 0.4, 0.399, 0.398]) {
      const r = updateEarlyStopping(s, loss, opts);
      s = r.state;
      stops.push(r.stop);
    }
    expect(stops).toEqual([false, false, false, true, false, false, true]);
  });
});

describe('validateConfig', () => {
  it('accepts the default and names problems', () => {
    expect(validateConfig(DEFAULT_TRAIN_CONFIG)).toEqual([]);
    const errs = validateConfig({ ...DEFAULT_TRAIN_CONFIG, epochs: 0, validationSplit: 1, learningRate: -1 });
    expect(errs).toHaveLength(3);
    expect(validateConfig({ ...DEFAULT_TRAIN_CONFIG, schedule: { type: 'step', stepSize: 0, gamma: 0.5 } })).toHaveLength(1);
  });
});
