/**
 * Colour maps for the inspection panels, as plain functions (no DOM): a diverging map for
 * signed weights (blue − white + red), a perceptual "magma"-like ramp for non-negative
 * activations, the ink palette for digits, and WCAG contrast helpers for text on coloured cells.
 */
export type Rgb = [number, number, number];

export const WHITE: Rgb = [255, 255, 255];
export const INK: Rgb = [29, 35, 43];
const POS: Rgb = [178, 24, 43];
const NEG: Rgb = [33, 102, 172];

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const u = Math.max(0, Math.min(1, t));
  return [Math.round(a[0] + (b[0] - a[0]) * u), Math.round(a[1] + (b[1] - a[1]) * u), Math.round(a[2] + (b[2] - a[2]) * u)];
}

/** Diverging: white at 0, red for positive, blue for negative, saturating at ±scale. */
export function diverging(v: number, scale: number): Rgb {
  const t = scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
  return t >= 0 ? mix(WHITE, POS, t) : mix(WHITE, NEG, -t);
}

const MAGMA: Rgb[] = [
  [0, 0, 4],
  [59, 15, 112],
  [140, 41, 129],
  [222, 73, 104],
  [254, 159, 109],
  [252, 253, 191],
];

/** Sequential ramp for t in [0, 1]: black (silent) through purple and orange to pale yellow (strongest). */
export function magma(t: number): Rgb {
  const u = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (MAGMA.length - 1);
  const i = Math.min(MAGMA.length - 2, Math.floor(u));
  return mix(MAGMA[i], MAGMA[i + 1], u - i);
}

/** A digit as on paper: 0 = white, 255 = dark ink. */
export function inkColour(byte: number): Rgb {
  return mix(WHITE, INK, byte / 255);
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const BLACK: Rgb = [0, 0, 0];

/**
 * Black or white text, whichever contrasts more with `bg`. With pure black (not the page's
 * ink colour) the better of the two is always ≥ 4.58:1, even on mid-tones.
 */
export function textOn(bg: Rgb): Rgb {
  return contrastRatio(bg, BLACK) >= contrastRatio(bg, WHITE) ? BLACK : WHITE;
}

export const css = ([r, g, b]: Rgb) => `rgb(${r},${g},${b})`;

/** Paints `values` (w × h, row-major) into a new RGBA buffer with `colour`. */
export function toRgba(values: ArrayLike<number>, colour: (v: number) => Rgb): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = colour(values[i]);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * Channel `c` of an h × w × channels tensor stored channels-last (as tfjs returns it),
 * as a row-major h × w map.
 */
export function channel(data: ArrayLike<number>, h: number, w: number, channels: number, c: number): Float32Array {
  const out = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = data[i * channels + c];
  return out;
}

/** Largest absolute value (0 for an empty array). */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}
