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

export type Rgb = [number, number, number];

const INK: Rgb = [29, 35, 43];
const POS: Rgb = [176, 58, 46];
const NEG: Rgb = [36, 81, 183];

function mix(c: Rgb, t: number): Rgb {
  const f = (v: number) => Math.round(255 + (v - 255) * t);
  return [f(c[0]), f(c[1]), f(c[2])];
}

/**
 * Cell colour. 'ink': 0 white → 1 dark (the digit as on paper). 'signed': a diverging scale,
 * white at 0, red for positive and blue for negative, saturating at ±scale.
 */
export function cellRgb(v: number, mode: 'ink' | 'signed', scale: number): Rgb {
  if (mode === 'ink') return mix(INK, Math.max(0, Math.min(1, v)));
  const t = scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
  return t >= 0 ? mix(POS, t) : mix(NEG, -t);
}

export function cellColour(v: number, mode: 'ink' | 'signed', scale: number): string {
  const [r, g, b] = cellRgb(v, mode, scale);
  return `rgb(${r},${g},${b})`;
}

/** Dark or white text, whichever contrasts more with the background (WCAG relative luminance). */
export function textOn([r, g, b]: Rgb): string {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const L = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  // Pure black (not the ink colour) so even mid-tones reach 4.5:1 with one or the other.
  return L > 0.179 ? '#000000' : '#ffffff';
}
