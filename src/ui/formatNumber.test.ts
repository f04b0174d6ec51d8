import { describe, expect, it } from 'vitest';
import { fixed, paren, short } from './formatNumber';

describe('formatNumber', () => {
  it('uses a real minus sign and never shows −0', () => {
    expect(fixed(-0.5, 2)).toBe('−0.50');
    expect(fixed(-0.0001, 2)).toBe('0.00');
    expect(fixed(-0, 3)).toBe('0.000');
    expect(fixed(Infinity)).toBe('∞');
  });
  it('trims trailing zeros and parenthesises negatives in products', () => {
    expect(short(1.5)).toBe('1.5');
    expect(short(-2)).toBe('−2');
    expect(short(0.1 + 0.2)).toBe('0.3');
    expect(paren(-1)).toBe('(−1)');
    expect(paren(2)).toBe('2');
  });
});
