import { describe, expect, it } from 'vitest';
import { cellRgb, fmtNum, textOn, type Rgb } from './format';

/** WCAG contrast ratio between two colours. */
function contrast(a: Rgb, b: Rgb): number {
  const L = ([r, g, b2]: Rgb) => {
    const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b2);
  };
  const [hi, lo] = [L(a), L(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const hex = (s: string): Rgb => [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16)) as Rgb;

describe('fmtNum', () => {
  it('drops trailing zeros, uses a real minus sign and never shows −0', () => {
    expect(fmtNum(0.5)).toBe('0.5');
    expect(fmtNum(1 / 9, 3)).toBe('0.111');
    expect(fmtNum(-2)).toBe('−2');
    expect(fmtNum(-0.0001)).toBe('0');
    expect(fmtNum(-0)).toBe('0');
    expect(fmtNum(3.969, 2)).toBe('3.97');
  });
});

describe('map colours', () => {
  it('are white at zero and saturate at ±scale', () => {
    expect(cellRgb(0, 'signed', 4)).toEqual([255, 255, 255]);
    expect(cellRgb(0, 'ink', 1)).toEqual([255, 255, 255]);
    expect(cellRgb(8, 'signed', 4)).toEqual(cellRgb(4, 'signed', 4));
    expect(cellRgb(-4, 'signed', 4)).toEqual([36, 81, 183]);
    expect(cellRgb(1, 'ink', 1)).toEqual([29, 35, 43]);
  });

  it('keep the numbers printed on them at ≥ 4.5:1 contrast everywhere on both scales', () => {
    for (let k = -50; k <= 50; k++) {
      for (const [v, mode, scale] of [[k / 50, 'signed', 1], [Math.abs(k) / 50, 'ink', 1]] as const) {
        const bg = cellRgb(v, mode, scale);
        expect(contrast(bg, hex(textOn(bg))), `${mode} ${v}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
