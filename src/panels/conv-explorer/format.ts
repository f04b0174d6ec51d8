/**
 * Numbers as the panel shows them: at most `digits` decimals, trailing zeros dropped, a real
 * minus sign, and no "−0".
 */
export function fmtNum(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Number(v.toFixed(digits));
  if (r === 0) return '0';
  return String(r).replace('-', '−');
}
