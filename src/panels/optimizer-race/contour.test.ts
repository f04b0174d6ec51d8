import { describe, expect, it } from 'vitest';
import { BANDS, bandOf, contourPixels, logRange, paletteColor } from './contour';

describe('contour bands', () => {
  it('palette runs from pale yellow (low loss) to darker blue (high loss), getting darker throughout', () => {
    expect(paletteColor(0)).toEqual([255, 255, 229]);
    expect(paletteColor(1)).toEqual([86, 128, 178]);
    const lum = (c: number[]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    for (let t = 0; t < 1; t += 0.05) expect(lum(paletteColor(t + 0.05))).toBeLessThanOrEqual(lum(paletteColor(t)) + 1e-9);
  });

  it('bands are monotone in the function value on a log scale', () => {
    const range: [number, number] = [-2, 2];
    expect(bandOf(0.001, 0, range)).toBe(0);
    expect(bandOf(1e6, 0, range)).toBe(BANDS - 1);
    expect(bandOf(1, 0, range)).toBe(Math.floor(BANDS / 2));
    let last = -1;
    for (const v of [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 99]) {
      const b = bandOf(v, 0, range);
      expect(b).toBeGreaterThanOrEqual(last);
      last = b;
    }
  });

  it('the log range ignores outliers and spans at most 5 decades', () => {
    const vals = Float64Array.from({ length: 1000 }, (_, i) => (i === 999 ? 1e9 : 10 ** (i / 200 - 3)));
    const [lo, hi] = logRange(vals, 0);
    expect(hi).toBeLessThan(2.1);
    expect(hi - lo).toBeLessThanOrEqual(5);
  });

  it('renders an opaque image whose darkest cells are far from the minimum', () => {
    const px = contourPixels((x, y) => x * x + y * y, 0, { x0: -1, x1: 1, y0: -1, y1: 1 }, 20, 20);
    expect(px.length).toBe(20 * 20 * 4);
    for (let i = 3; i < px.length; i += 4) expect(px[i]).toBe(255);
    const at = (c: number, r: number) => px[(r * 20 + c) * 4 + 2] + px[(r * 20 + c) * 4];
    expect(at(10, 10)).toBeGreaterThan(at(0, 0)); // centre (minimum) is lighter than a corner
  });
});
