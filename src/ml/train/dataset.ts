import { IMAGE_SIZE } from '../data/manifest';
import type { MnistData } from '../data/loader';
import { createRng, deriveSeed, permutation } from './rng';

/** Takes the examples at `indices` (copies). */
export function gather(data: MnistData, indices: ArrayLike<number>): MnistData {
  const n = indices.length;
  const images = new Uint8Array(n * IMAGE_SIZE);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    images.set(data.images.subarray(j * IMAGE_SIZE, (j + 1) * IMAGE_SIZE), i * IMAGE_SIZE);
    labels[i] = data.labels[j];
  }
  return { images, labels, count: n };
}

/**
 * Applies `subset` (the first N examples) and a seeded random validation split.
 * The held-out examples never train, so validation loss measures generalisation.
 */
export function splitTrainVal(
  data: MnistData,
  opts: { validationSplit: number; seed: number; subset?: number },
): { train: MnistData; val: MnistData | null } {
  const count = Math.min(data.count, opts.subset ?? data.count);
  const valCount = Math.floor(count * Math.min(Math.max(opts.validationSplit, 0), 0.99));
  // A separate stream from the per-epoch shuffles, so changing epochs never changes the split.
  const perm = permutation(count, createRng(deriveSeed(opts.seed, 0x5eed)));
  const val = valCount > 0 ? gather(data, perm.subarray(0, valCount)) : null;
  // Keep training examples in their original order; the trainer shuffles every epoch.
  const trainIdx = perm.slice(valCount).sort();
  return { train: gather(data, trainIdx), val };
}

/** The example order of one epoch; deterministic in (seed, epoch) so a resumed run replays it. */
export function epochOrder(count: number, seed: number, epoch: number): Uint32Array {
  return permutation(count, createRng(deriveSeed(seed, 1 + epoch)));
}

/**
 * Pixels of the examples `order[start..end)` (or `start..end` when order is null) as
 * float32 still in 0–255, [n·784], plus int labels [n].
 */
export function batchArrays(
  data: MnistData,
  order: ArrayLike<number> | null,
  start: number,
  end: number,
): { x: Float32Array; y: Int32Array } {
  const n = end - start;
  const x = new Float32Array(n * IMAGE_SIZE);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = order ? order[start + i] : start + i;
    const src = data.images.subarray(j * IMAGE_SIZE, (j + 1) * IMAGE_SIZE);
    x.set(src, i * IMAGE_SIZE);
    y[i] = data.labels[j];
  }
  return { x, y };
}
