/** Number formatting for formulas shown to readers: a real minus sign, no "-0". */

/** Fixed decimals (steady width while values change), e.g. fixed(-0.5, 2) → "−0.50". */
export function fixed(v: number, digits = 2): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const s = v.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace('-', '−');
}

/** Up to `digits` decimals with trailing zeros trimmed, e.g. short(1.5) → "1.5", short(-2) → "−2". */
export function short(v: number, digits = 3): string {
  const s = fixed(v, digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Wraps negative numbers in parentheses for products such as "0.5·(−1)". */
export function paren(v: number, digits = 3): string {
  const s = short(v, digits);
  return v < 0 && s !== '0' ? `(${s})` : s;
}
