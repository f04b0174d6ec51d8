import { describe, expect, it } from 'vitest';
import { fixed, formatNumber, paren, short } from './formatNumber';

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

describe('formatNumber for the page language', () => {
  it('groups thousands and writes decimals per language', () => {
    expect(formatNumber(60000, 'en')).toBe('60,000');
    expect(formatNumber(60000, 'zh')).toBe('60,000');
    expect(formatNumber(1234.5678, 'en', { maximumFractionDigits: 2 })).toBe('1,234.57');
    expect(formatNumber(0.000001, 'zh', { maximumSignificantDigits: 3 })).toBe('0.000001');
  });
  it('uses the language for words and percentages', () => {
    expect(formatNumber(0.9845, 'en', { style: 'percent', maximumFractionDigits: 1 })).toBe('98.5%');
    expect(formatNumber(0.9845, 'zh', { style: 'percent', maximumFractionDigits: 1 })).toBe('98.5%');
    expect(formatNumber(25000, 'zh', { notation: 'compact' })).toBe('2.5万');
    expect(formatNumber(25000, 'en', { notation: 'compact' })).toBe('25K');
  });
  it('keeps a real minus sign and the symbols for non-finite values', () => {
    expect(formatNumber(-1500, 'en')).toBe('−1,500');
    expect(formatNumber(NaN, 'zh')).toBe('NaN');
    expect(formatNumber(-Infinity, 'en')).toBe('−∞');
  });
});
