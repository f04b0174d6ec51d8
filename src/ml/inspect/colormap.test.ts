import { describe, expect, it } from 'vitest';
import { channel, contrastRatio, diverging, inkColour, luminance, magma, maxAbs, textOn, toRgba, WHITE, type Rgb } from './colormap';

describe('colour maps', () => {
  it('diverging: white at zero, symmetric strength, clamped beyond the scale', () => {
    expect(diverging(0, 1)).toEqual(WHITE);
    const pos = diverging(0.5, 1);
    const neg = diverging(-0.5, 1);
    expect(pos[0]).toBeGreaterThan(pos[2]); // red
    expect(neg[2]).toBeGreaterThan(neg[0]); // blue
    expect(luminance(pos)).toBeLessThan(1);
    expect(diverging(5, 1)).toEqual(diverging(1, 1));
    expect(diverging(0.3, 0)).toEqual(WHITE);
  });

  it('magma rises monotonically in luminance from black to pale yellow', () => {
    let prev = -1;
    for (let t = 0; t <= 1.0001; t += 0.05) {
      const l = luminance(magma(t));
      expect(l).toBeGreaterThan(prev);
      prev = l;
    }
    expect(magma(0)).toEqual([0, 0, 4]);
    expect(magma(NaN)).toEqual([0, 0, 4]);
    expect(magma(2)).toEqual([252, 253, 191]);
  });

  it('text on any cell colour reaches 4.5:1 contrast', () => {
    const samples: Rgb[] = [];
    for (let t = -1; t <= 1; t += 0.1) samples.push(diverging(t, 1));
    for (let t = 0; t <= 1; t += 0.1) samples.push(magma(t), inkColour(t * 255));
    for (const bg of samples) expect(contrastRatio(bg, textOn(bg))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio([0, 0, 0], WHITE)).toBeCloseTo(21, 5);
  });

  it('extracts one channel of a channels-last map and paints RGBA', () => {
    // 2×2 map, 3 channels: value = 10·pixel + channel.
    const data = Float32Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3));
    expect(Array.from(channel(data, 2, 2, 3, 1))).toEqual([1, 11, 21, 31]);
    const rgba = toRgba([0, 255], inkColour);
    expect(Array.from(rgba)).toEqual([255, 255, 255, 255, 29, 35, 43, 255]);
    expect(maxAbs([-3, 2, 1])).toBe(3);
  });
});
