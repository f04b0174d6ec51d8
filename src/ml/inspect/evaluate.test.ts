import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/builder';
import { MNIST_MEAN, MNIST_STD, type ModelSpec } from '../model/spec';
import { accuracyStdError, cellMembers, classStats, confusionMatrix, evaluateModel, topK, TOP, EvalCancelled } from './evaluate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const INK = (1 - MNIST_MEAN) / MNIST_STD; // a 255 pixel after normalisation (≈ 2.82)
const BG = -MNIST_MEAN / MNIST_STD; // a 0 pixel (≈ −0.424)

/**
 * flatten → dense(10): class k's score is pixel k's normalised value (weight 1, bias 0).
 * So an image whose only ink is pixel k is classified as k, with logits [BG…, INK at k, …BG].
 */
function pixelModel(softmax: boolean) {
  const spec: ModelSpec = {
    inputShape: [28, 28, 1],
    layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: softmax ? 'softmax' : 'linear' }],
  };
  const model = buildModel(spec, { seed: 1 });
  const kernel = new Float32Array(784 * 10);
  for (let k = 0; k < 10; k++) kernel[k * 10 + k] = 1;
  const w = [tf.tensor2d(kernel, [784, 10]), tf.zeros([10])];
  model.setWeights(w);
  tf.dispose(w);
  return model;
}

/** n images: image i has ink at pixel inkOf(i) and label labelOf(i). */
function dataset(n: number, inkOf: (i: number) => number, labelOf: (i: number) => number) {
  const images = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    images[i * 784 + inkOf(i)] = 255;
    labels[i] = labelOf(i);
  }
  return { images, labels, count: n };
}

describe('evaluateModel', () => {
  it('counts every example once, matches argmax, and computes the exact cross-entropy', async () => {
    const model = pixelModel(true);
    // 53 images (not a multiple of the batch size): ink at i % 10; every 4th label is off by one.
    const n = 53;
    const data = dataset(n, (i) => i % 10, (i) => (i % 4 === 0 ? (i + 1) % 10 : i % 10));
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const r = await evaluateModel(model, data, { inputShape: [28, 28, 1], fromLogits: false, batchSize: 7, onProgress: (d) => progress.push(d) });
    expect(tf.memory().numTensors).toBe(before);
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(n);
    expect(progress.length).toBe(1 + Math.ceil(n / 7));

    // The confusion matrix sums to N and has the wrong labels exactly where we put them.
    expect(r.confusion.reduce((a, v) => a + v, 0)).toBe(n);
    const wrong = Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 === 0);
    expect(Array.from(r.misclassified)).toEqual(wrong);
    expect(r.accuracy).toBeCloseTo((n - wrong.length) / n, 10);
    // Image 0: ink at 0 (predicted 0), label 1 → row 1, column 0.
    expect(r.confusion[1 * 10 + 0]).toBe(wrong.filter((i) => i % 10 === 0).length);
    expect(cellMembers(r, 1, 0)).toEqual(wrong.filter((i) => i % 10 === 0));

    // Accuracy agrees with an independent argmax over model.predict.
    const x = tf.tensor4d(Float32Array.from(data.images, (v) => (v / 255 - MNIST_MEAN) / MNIST_STD), [n, 28, 28, 1]);
    const pred = model.predict(x) as tf.Tensor;
    const argmax = await pred.argMax(-1).data();
    tf.dispose([x, pred]);
    const expected = Array.from(argmax).filter((p, i) => p === data.labels[i]).length / n;
    expect(r.accuracy).toBe(expected);

    // Cross-entropy from the known logits.
    const pRight = Math.exp(INK) / (Math.exp(INK) + 9 * Math.exp(BG));
    const pOther = Math.exp(BG) / (Math.exp(INK) + 9 * Math.exp(BG));
    const loss = ((n - wrong.length) * -Math.log(pRight) + wrong.length * -Math.log(pOther)) / n;
    expect(r.loss).toBeCloseTo(loss, 4);

    // Top-3: the inked class first with pRight, then two of the tied others.
    expect(r.topClasses[3 * TOP]).toBe(3);
    expect(r.topProbs[3 * TOP]).toBeCloseTo(pRight, 5);
    expect(r.topProbs[3 * TOP + 1]).toBeCloseTo(pOther, 5);
    model.dispose();
  });

  it('applies softmax to a model that outputs logits', async () => {
    const model = pixelModel(false);
    const data = dataset(20, (i) => i % 10, (i) => i % 10);
    const r = await evaluateModel(model, data, { inputShape: [28, 28, 1], fromLogits: true });
    expect(r.accuracy).toBe(1);
    const pRight = Math.exp(INK) / (Math.exp(INK) + 9 * Math.exp(BG));
    expect(r.loss).toBeCloseTo(-Math.log(pRight), 4);
    let sum = 0;
    for (let j = 0; j < TOP; j++) sum += r.topProbs[j];
    expect(sum).toBeLessThan(1);
    expect(sum).toBeGreaterThan(pRight);
    model.dispose();
  });

  it('stops between batches when cancelled, without leaking tensors', async () => {
    const model = pixelModel(true);
    const data = dataset(40, (i) => i % 10, (i) => i % 10);
    const before = tf.memory().numTensors;
    let batches = 0;
    await expect(
      evaluateModel(model, data, { inputShape: [28, 28, 1], fromLogits: false, batchSize: 10, onProgress: () => batches++, cancelled: () => batches > 2 }),
    ).rejects.toBeInstanceOf(EvalCancelled);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('confusion matrix helpers', () => {
  it('builds the matrix with rows = true class and columns = prediction', () => {
    const m = confusionMatrix([4, 4, 4, 9, 9], [4, 9, 9, 9, 4]);
    expect(m[4 * 10 + 4]).toBe(1);
    expect(m[4 * 10 + 9]).toBe(2);
    expect(m[9 * 10 + 9]).toBe(1);
    expect(m[9 * 10 + 4]).toBe(1);
    expect(m.reduce((a, v) => a + v, 0)).toBe(5);
  });

  it('computes recall along rows and precision down columns (the chapter’s 4-vs-9 example)', () => {
    const m = new Int32Array(100);
    m[4 * 10 + 4] = 970;
    m[4 * 10 + 9] = 8;
    m[4 * 10 + 7] = 4;
    m[9 * 10 + 9] = 990;
    m[9 * 10 + 4] = 10;
    const s = classStats(m);
    expect(s[4].support).toBe(982);
    expect(s[4].recall).toBeCloseTo(970 / 982, 10);
    expect(s[4].precision).toBeCloseTo(970 / 980, 10);
    expect(s[9].precision).toBeCloseTo(990 / 998, 10);
    expect(s[7].predicted).toBe(4);
    expect(s[7].precision).toBe(0);
    expect(Number.isNaN(s[0].recall)).toBe(true);
  });

  it('ranks the top k, keeping the lower index on ties', () => {
    expect(topK([0.1, 0.5, 0.2, 0.5, 0.05], 3)).toEqual([1, 3, 2]);
    expect(topK([9, 0, 0.3, 0.6, 0.1], 2, 1, 4)).toEqual([2, 1]);
  });

  it('standard error of 99% accuracy on 10,000 images is about 0.1 percentage points', () => {
    expect(accuracyStdError(0.99, 10000)).toBeCloseTo(0.000995, 6);
  });
});
