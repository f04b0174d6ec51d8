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

/** The BCP 47 locale of each page language (also what <html lang> says). */
export const LOCALE: Record<'zh' | 'en', string> = { zh: 'zh-CN', en: 'en' };

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number written the way the page's language writes it (Intl.NumberFormat, cached):
 * formatNumber(60000, 'en') → "60,000"; formatNumber(0.9845, 'zh', { style: 'percent',
 * maximumFractionDigits: 1 }) → "98.5%". NaN and ±∞ as in `fixed`.
 */
export function formatNumber(v: number, lang: 'zh' | 'en', opts: Intl.NumberFormatOptions = {}): string {
  if (!Number.isFinite(v)) return fixed(v);
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(LOCALE[lang], opts)));
  return f.format(v).replace('-', '−');
}
