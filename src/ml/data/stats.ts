/**
 * Statistics of the MNIST pixels, computed from the data itself: the mean and standard
 * deviation used for normalisation (0.1307 and 0.3081 for the training set), the number
 * of images per class and each class's mean image. The sums are kept as exact integers
 * (raw 0–255 values), so the result does not depend on the chunk size, and the work can
 * be split into chunks with a yield between them so a page stays responsive.
 */
import { IMAGE_SIZE } from './manifest';

export const NUM_CLASSES = 10;

export interface StatsState {
  /** Images processed so far. */
  count: number;
  /** Σ of raw pixel values (0–255) and of their squares, over all processed pixels. */
  sum: number;
  sumSq: number;
  /** Pixels that are exactly 0 (pure background). */
  zeros: number;
  /** Per-class Σ of raw values, class-major: classSums[c · 784 + p]. */
  classSums: Float64Array;
  classCounts: number[];
}

export interface PixelStats {
  /** Images the statistics cover. */
  count: number;
  /** Mean and population standard deviation of pixels scaled to [0, 1]. */
  mean: number;
  std: number;
  /** Fraction of pixels that are pure background (0): why the mean is so small. */
  background: number;
  classCounts: number[];
  /** Mean image per class in [0, 1], class-major (10 × 784); zeros for a class with no images. */
  classMeans: Float32Array;
}

export function createStatsState(): StatsState {
  return { count: 0, sum: 0, sumSq: 0, zeros: 0, classSums: new Float64Array(NUM_CLASSES * IMAGE_SIZE), classCounts: new Array(NUM_CLASSES).fill(0) };
}

/**
 * Adds images [from, to) to the sums. Labels outside 0–9 still count towards the pixel
 * mean and std but not towards any class.
 */
export function accumulateStats(state: StatsState, images: Uint8Array, labels: Uint8Array, from: number, to: number): void {
  const sums = state.classSums;
  let sum = 0;
  let sumSq = 0;
  let zeros = 0;
  for (let i = from; i < to; i++) {
    const label = labels[i];
    const base = i * IMAGE_SIZE;
    const hasClass = label < NUM_CLASSES;
    const cBase = label * IMAGE_SIZE;
    // Integer sums per image stay far below 2^53 (784 · 255² ≈ 5.1e7).
    let s = 0;
    let sq = 0;
    for (let p = 0; p < IMAGE_SIZE; p++) {
      const v = images[base + p];
      s += v;
      sq += v * v;
      if (v === 0) zeros++;
      if (hasClass) sums[cBase + p] += v;
    }
    sum += s;
    sumSq += sq;
    if (hasClass) state.classCounts[label]++;
  }
  state.sum += sum;
  state.sumSq += sumSq;
  state.zeros += zeros;
  state.count += Math.max(0, to - from);
}

/** The statistics of what has been accumulated so far (cheap; call it for live updates). */
export function currentStats(state: StatsState): PixelStats {
  const n = state.count * IMAGE_SIZE;
  const mean = n ? state.sum / (255 * n) : 0;
  const meanSq = n ? state.sumSq / (255 * 255 * n) : 0;
  const std = Math.sqrt(Math.max(0, meanSq - mean * mean));
  const classMeans = new Float32Array(NUM_CLASSES * IMAGE_SIZE);
  for (let c = 0; c < NUM_CLASSES; c++) {
    const k = state.classCounts[c];
    if (!k) continue;
    for (let p = 0; p < IMAGE_SIZE; p++) classMeans[c * IMAGE_SIZE + p] = state.classSums[c * IMAGE_SIZE + p] / (255 * k);
  }
  return { count: state.count, mean, std, background: n ? state.zeros / n : 0, classCounts: state.classCounts.slice(), classMeans };
}

export interface ChunkedOptions {
  /** Images per chunk (default 2,000: a few milliseconds of work). */
  chunkSize?: number;
  /** Called between chunks; it should give the event loop a turn (setTimeout, MessageChannel). */
  yieldFn?: () => Promise<void>;
  /** Called after each chunk with the statistics so far. */
  onProgress?: (stats: PixelStats) => void;
  signal?: AbortSignal;
}

export class StatsAborted extends Error {
  constructor() {
    super('statistics computation aborted');
  }
}

/**
 * Computes the statistics of `count` images chunk by chunk, yielding between chunks.
 * The result is identical to a single pass. Throws StatsAborted when `signal` aborts.
 */
export async function computeStatsChunked(images: Uint8Array, labels: Uint8Array, count: number, opts: ChunkedOptions = {}): Promise<PixelStats> {
  const chunk = Math.max(1, Math.floor(opts.chunkSize ?? 2000));
  const state = createStatsState();
  for (let from = 0; from < count; from += chunk) {
    if (opts.signal?.aborted) throw new StatsAborted();
    accumulateStats(state, images, labels, from, Math.min(count, from + chunk));
    opts.onProgress?.(currentStats(state));
    if (from + chunk < count && opts.yieldFn) await opts.yieldFn();
  }
  if (opts.signal?.aborted) throw new StatsAborted();
  return currentStats(state);
}

/** Images per class, from the labels alone. */
export function countLabels(labels: Uint8Array, count = labels.length): number[] {
  const out = new Array(NUM_CLASSES).fill(0);
  for (let i = 0; i < count; i++) if (labels[i] < NUM_CLASSES) out[labels[i]]++;
  return out;
}

/** Indices of the images of each class, in dataset order. */
export function indicesByClass(labels: Uint8Array, count = labels.length): Int32Array[] {
  const counts = countLabels(labels, count);
  const out = counts.map((n) => new Int32Array(n));
  const fill = new Array(NUM_CLASSES).fill(0);
  for (let i = 0; i < count; i++) {
    const c = labels[i];
    if (c < NUM_CLASSES) out[c][fill[c]++] = i;
  }
  return out;
}

/** One page of a list: its items and the number of pages (at least 1); `page` is clamped. */
export function pageOf(indices: Int32Array, page: number, perPage: number): { items: number[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(indices.length / perPage));
  const p = Math.min(pages - 1, Math.max(0, Math.floor(page)));
  return { items: Array.from(indices.subarray(p * perPage, (p + 1) * perPage)), page: p, pages };
}

/** A raw pixel value after normalisation: (x/255 − mean)/std. */
export function normalisePixel(raw: number, mean: number, std: number): number {
  return (raw / 255 - mean) / std;
}
