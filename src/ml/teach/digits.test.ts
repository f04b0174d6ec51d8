import { describe, expect, it } from 'vitest';
import { DIGIT_SIDE, pickDigitPerClass, syntheticDigits, syntheticSeven, syntheticZero } from './digits';

const SIZE = DIGIT_SIDE * DIGIT_SIDE;

describe('pickDigitPerClass', () => {
  it('takes the first example of each class, scaled to [0, 1], ordered by class', () => {
    const labels = Uint8Array.from([7, 2, 7, 0, 2]);
    const images = new Uint8Array(labels.length * SIZE);
    labels.forEach((_, i) => images.fill(10 * (i + 1), i * SIZE, (i + 1) * SIZE)); // image i is flat 10(i+1)
    const picked = pickDigitPerClass(images, labels);
    expect(picked.map((d) => [d.label, d.index])).toEqual([
      [0, 3],
      [2, 1],
      [7, 0],
    ]);
    expect(picked[2].pixels[100]).toBeCloseTo(10 / 255, 12);
    expect(picked[0].pixels[0]).toBeCloseTo(40 / 255, 12);
    expect(picked.every((d) => d.source === 'mnist' && d.pixels.length === SIZE)).toBe(true);
  });

  it('respects the scan limit and ignores images beyond the bytes given', () => {
    const labels = Uint8Array.from([1, 2, 3]);
    expect(pickDigitPerClass(new Uint8Array(3 * SIZE), labels, 2).map((d) => d.label)).toEqual([1, 2]);
    expect(pickDigitPerClass(new Uint8Array(1 * SIZE), labels).map((d) => d.label)).toEqual([1]);
  });
});

describe('synthetic digits', () => {
  const inkAt = (p: Float64Array, x: number, y: number) => p[y * DIGIT_SIDE + x];

  it('draws a 0 as a ring: ink on the rim, none in the middle or the corners', () => {
    const z = syntheticZero();
    expect(z.label).toBe(0);
    expect(inkAt(z.pixels, 14, 14)).toBe(0);
    expect(inkAt(z.pixels, 0, 0)).toBe(0);
    expect(inkAt(z.pixels, 8, 14)).toBeGreaterThan(0.9); // left rim at cx − rx
    expect(inkAt(z.pixels, 14, 6)).toBeGreaterThan(0.9); // top rim at cy − ry
  });

  it('draws a 7 as a top bar and a stem going down-left', () => {
    const s = syntheticSeven();
    expect(s.label).toBe(7);
    for (const x of [9, 14, 19]) expect(inkAt(s.pixels, x, 6)).toBeGreaterThan(0.9);
    expect(inkAt(s.pixels, 12, 21)).toBeGreaterThan(0.5);
    expect(inkAt(s.pixels, 9, 18)).toBe(0);
  });

  it('stays in [0, 1] with a plausible amount of ink (MNIST digits cover roughly 10–25%)', () => {
    for (const d of syntheticDigits()) {
      expect(d.pixels).toHaveLength(SIZE);
      expect(d.pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
      const ink = d.pixels.reduce((a, v) => a + v, 0) / SIZE;
      expect(ink).toBeGreaterThan(0.06);
      expect(ink).toBeLessThan(0.3);
    }
  });
});
