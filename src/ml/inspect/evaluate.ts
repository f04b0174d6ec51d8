/**
 * Evaluating a trained classifier on a labelled set: accuracy, mean cross-entropy, the
 * confusion matrix (rows = true class, columns = predicted class), per-class precision and
 * recall, and every example's top-3 predictions (for the galleries of mistakes).
 * Pure tfjs: runs in the worker and under Node in tests.
 */
import * as tf from '@tensorflow/tfjs';
import type { MnistData } from '../data/loader';
import { toInputBatch } from './input';

export const CLASSES = 10;
export const TOP = 3;

export interface EvalResult {
  count: number;
  /** Fraction correct (argmax = label). */
  accuracy: number;
  /** Mean categorical cross-entropy −log p(true class), probabilities clipped at 1e-7 like Keras. */
  loss: number;
  /** CLASSES×CLASSES counts, row-major: confusion[t * 10 + p] = images of true class t predicted p. */
  confusion: Int32Array;
  /** The true labels, one per example (so galleries need not load them again). */
  labels: Uint8Array;
  /** For every example, its TOP most probable classes (best first) and their probabilities. */
  topClasses: Uint8Array;
  topProbs: Float32Array;
  /** Indices of misclassified examples, in data order. */
  misclassified: Int32Array;
}

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

/** Counts of each (true, predicted) pair. */
export function confusionMatrix(labels: ArrayLike<number>, preds: ArrayLike<number>, k = CLASSES): Int32Array {
  const m = new Int32Array(k * k);
  for (let i = 0; i < labels.length; i++) m[labels[i] * k + preds[i]]++;
  return m;
}

export interface ClassStats {
  /** Images of this class (row sum). */
  support: number;
  /** Images predicted as this class (column sum). */
  predicted: number;
  correct: number;
  /** correct / support: how many real k's were found (per-class accuracy). NaN without examples. */
  recall: number;
  /** correct / predicted: how many predicted k's really are k. NaN when nothing was predicted k. */
  precision: number;
}

export function classStats(confusion: ArrayLike<number>, k = CLASSES): ClassStats[] {
  return Array.from({ length: k }, (_, c) => {
    let support = 0;
    let predicted = 0;
    for (let j = 0; j < k; j++) {
      support += confusion[c * k + j];
      predicted += confusion[j * k + c];
    }
    const correct = confusion[c * k + c];
    return { support, predicted, correct, recall: support ? correct / support : NaN, precision: predicted ? correct / predicted : NaN };
  });
}

/** Indices of the `n` largest values (ties: lower index first). */
export function topK(values: ArrayLike<number>, n: number, offset = 0, length = values.length - offset): number[] {
  const idx: number[] = [];
  for (let i = 0; i < length; i++) {
    const v = values[offset + i];
    let at = idx.length;
    while (at > 0 && values[offset + idx[at - 1]] < v) at--;
    if (at < n) {
      idx.splice(at, 0, i);
      if (idx.length > n) idx.pop();
    }
  }
  return idx;
}

/** Examples whose label is `trueClass` and prediction `predClass` (the images behind one matrix cell). */
export function cellMembers(r: Pick<EvalResult, 'labels' | 'topClasses' | 'count'>, trueClass: number, predClass: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.count; i++) if (r.labels[i] === trueClass && r.topClasses[i * TOP] === predClass) out.push(i);
  return out;
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

/** Standard error of an accuracy p measured on n examples: √(p(1−p)/n). */
export function accuracyStdError(p: number, n: number): number {
  return n > 0 ? Math.sqrt((p * (1 - p)) / n) : NaN;
}
