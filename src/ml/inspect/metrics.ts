/**
 * The evaluation's numbers without tfjs (so the main thread can use them without loading it):
 * the result type, the confusion matrix, per-class precision and recall, top-k ranking.
 */

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

/** Standard error of an accuracy p measured on n examples: √(p(1−p)/n). */
export function accuracyStdError(p: number, n: number): number {
  return n > 0 ? Math.sqrt((p * (1 - p)) / n) : NaN;
}
