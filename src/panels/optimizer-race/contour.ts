/**
 * Filled contour bands for a 2-D function: values are put on a log scale (losses span many
 * orders of magnitude), cut into equal bands and coloured with a light sequential palette
 * (yellow → green → blue, after ColorBrewer YlGnBu: safe for colour-blind readers and pale
 * enough for coloured trails to stand out). Band edges are darkened into contour lines.
 */

export const BANDS = 14;

/** Palette stops from low (light) to high (darker blue), as RGB. */
const STOPS: [number, number, number][] = [
  [255, 255, 229],
  [237, 248, 185],
  [199, 233, 180],
  [150, 212, 188],
  [118, 190, 200],
  [96, 160, 196],
  [86, 128, 178],
];

/** Colour for t in [0, 1] by linear interpolation between the stops. */
export function paletteColor(t: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i];
  const b = STOPS[i + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

/** The log range [lo, hi] of f − fMin over the samples, ignoring the extreme 0.5% at the top. */
export function logRange(values: Float64Array, fMin: number): [number, number] {
  const d = Array.from(values, (v) => Math.max(0, v - fMin)).filter(Number.isFinite).sort((a, b) => a - b);
  if (d.length === 0) return [0, 1];
  const hi = Math.log10(Math.max(1e-12, d[Math.floor(d.length * 0.995)] ?? d[d.length - 1]));
  // The floor: the 1st percentile, but never more than 5 decades below the top, so the
  // bands near the minimum stay wide enough to see.
  const lo = Math.max(hi - 5, Math.log10(Math.max(1e-12, d[Math.floor(d.length * 0.01)])));
  return [lo, hi > lo ? hi : lo + 1];
}

/** Band index 0..BANDS−1 of a function value. */
export function bandOf(v: number, fMin: number, [lo, hi]: [number, number]): number {
  const t = (Math.log10(Math.max(1e-12, v - fMin)) - lo) / (hi - lo);
  return Math.max(0, Math.min(BANDS - 1, Math.floor(t * BANDS)));
}

/**
 * RGBA pixels (cols × rows) of the filled contour plot of f over the view, with row 0 at the
 * top (largest y). Cells whose band differs from the cell to the right or below are drawn
 * darker, tracing the contour lines.
 */
export function contourPixels(
  f: (x: number, y: number) => number,
  fMin: number,
  view: { x0: number; x1: number; y0: number; y1: number },
  cols: number,
  rows: number,
): Uint8ClampedArray<ArrayBuffer> {
  const vals = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const y = view.y1 - ((r + 0.5) / rows) * (view.y1 - view.y0);
    for (let c = 0; c < cols; c++) vals[r * cols + c] = f(view.x0 + ((c + 0.5) / cols) * (view.x1 - view.x0), y);
  }
  const range = logRange(vals, fMin);
  const band = new Uint8Array(vals.length);
  for (let i = 0; i < vals.length; i++) band[i] = bandOf(vals[i], fMin, range);
  const out = new Uint8ClampedArray(new ArrayBuffer(cols * rows * 4));
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const b = band[i];
      const [R, G, B] = paletteColor(b / (BANDS - 1));
      const edge = (c + 1 < cols && band[i + 1] !== b) || (r + 1 < rows && band[i + cols] !== b);
      const k = edge ? 0.78 : 1;
      out[i * 4] = R * k;
      out[i * 4 + 1] = G * k;
      out[i * 4 + 2] = B * k;
      out[i * 4 + 3] = 255;
    }
  return out;
}
