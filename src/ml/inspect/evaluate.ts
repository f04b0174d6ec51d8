/**
 * Evaluating a trained classifier on a labelled set: accuracy, mean cross-entropy, the
 * confusion matrix (rows = true class, columns = predicted class), per-class precision and
 * recall, and every example's top-3 predictions (for the galleries of mistakes).
 * Pure tfjs: runs in the worker and under Node in tests.
 */
import * as tf from '@tensorflow/tfjs';
import type { MnistData } from '../data/loader';
import { toInputBatch } from './input';
import { CLASSES, confusionMatrix, TOP, topK, type EvalResult } from './metrics';

export * from './metrics';

/** What a model run through `evaluateModel` needs besides the data. */
export interface EvalOptions {
  inputShape: [number, number, number];
  /** True when the model outputs logits (softmax is applied here). */
  fromLogits: boolean;
  batchSize?: number;
  onProgress?(done: number, total: number): void;
  /** Checked between batches; evaluation stops early (with an error) when it returns true. */
  cancelled?(): boolean;
  /** Awaited after each batch (the worker yields a macrotask so other commands get through). */
  between?(): Promise<void>;
}

export class EvalCancelled extends Error {
  constructor() {
    super('evaluation cancelled');
  }
}

/**
 * Runs `model` over `data` in batches (each inside tf.tidy, read back with await .data())
 * and summarises the predictions.
 */
export async function evaluateModel(model: tf.LayersModel, data: MnistData, opts: EvalOptions): Promise<EvalResult> {
  const n = data.count;
  const batch = Math.max(1, opts.batchSize ?? 500);
  const labels = data.labels.slice(0, n);
  const topClasses = new Uint8Array(n * TOP);
  const topProbs = new Float32Array(n * TOP);
  const preds = new Uint8Array(n);
  let lossSum = 0;
  let correct = 0;
  opts.onProgress?.(0, n);
  for (let start = 0; start < n; start += batch) {
    if (opts.cancelled?.()) throw new EvalCancelled();
    const size = Math.min(batch, n - start);
    const out = tf.tidy(() => {
      const x = toInputBatch(data.images, start, size, opts.inputShape);
      const y = model.apply(x, { training: false }) as tf.Tensor;
      return opts.fromLogits ? tf.softmax(y) : y;
    });
    let probs: Float32Array;
    try {
      probs = (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
    const k = probs.length / size;
    if (k !== CLASSES) throw new Error(`the model has ${k} outputs; evaluation needs ${CLASSES}`);
    for (let b = 0; b < size; b++) {
      const i = start + b;
      const top = topK(probs, TOP, b * k, k);
      for (let j = 0; j < TOP; j++) {
        topClasses[i * TOP + j] = top[j];
        topProbs[i * TOP + j] = probs[b * k + top[j]];
      }
      preds[i] = top[0];
      if (top[0] === labels[i]) correct++;
      lossSum += -Math.log(Math.min(1 - 1e-7, Math.max(1e-7, probs[b * k + labels[i]])));
    }
    opts.onProgress?.(start + size, n);
    await opts.between?.();
  }
  const misclassified: number[] = [];
  for (let i = 0; i < n; i++) if (preds[i] !== labels[i]) misclassified.push(i);
  return {
    count: n,
    accuracy: n ? correct / n : NaN,
    loss: n ? lossSum / n : NaN,
    confusion: confusionMatrix(labels, preds),
    labels,
    topClasses,
    topProbs,
    misclassified: Int32Array.from(misclassified),
  };
}
