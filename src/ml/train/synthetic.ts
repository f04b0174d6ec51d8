import type { MnistData } from '../data/loader';
import { IMAGE_SIZE } from '../data/manifest';
import { createRng } from './rng';

/**
 * A learnable stand-in for MNIST (tests, backend micro-benchmarks): class k is a bright
 * 6×6 square at a class-specific place on a noisy background. uint8 [count × 784].
 */
export function syntheticMnist(count: number, seed = 1): MnistData {
  const rng = createRng(seed);
  const images = new Uint8Array(count * IMAGE_SIZE);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = rng.int(10);
    labels[i] = k;
    const base = i * IMAGE_SIZE;
    for (let p = 0; p < IMAGE_SIZE; p++) images[base + p] = rng.int(60);
    const r0 = 3 + Math.floor(k / 5) * 12 + rng.int(3);
    const c0 = 1 + (k % 5) * 5 + rng.int(2);
    for (let r = r0; r < r0 + 6; r++) {
      for (let c = c0; c < Math.min(c0 + 6, 28); c++) images[base + r * 28 + c] = 200 + rng.int(56);
    }
  }
  return { images, labels, count };
}
