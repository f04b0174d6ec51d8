/**
 * Turning a drawing into an MNIST-style digit, the way MNIST itself was made (LeCun et al.):
 * the ink is cropped to its bounding box, scaled with anti-aliasing (area averaging) so the
 * longer side is 20 pixels, keeping the aspect ratio, and placed in a 28×28 frame so that its
 * centre of mass is at (14, 14). Output is uint8 0–255 (bright ink on black); the worker
 * normalises it with the training mean and standard deviation.
 *
 * Coordinates: pixel (row i, column j) sits at (x, y) = (j, i), as in the chapter's formula;
 * real MNIST test digits have their centre of mass at (14.0, 14.0) in these coordinates.
 */

export const SIDE = 28;
/** The longer side of the scaled digit, as in MNIST. */
export const BOX = 20;
/** Where the centre of mass goes. */
export const CENTRE = 14;

/** A greyscale image: `w × h` values, row-major, 0 = background, larger = more ink. */
export interface GreyImage {
  data: ArrayLike<number>;
  w: number;
  h: number;
}

export interface InkBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Preprocessed {
  /** 28×28 uint8, 0 background to 255 ink; all zeros when `empty`. */
  image: Uint8Array;
  /** True when there was no ink: show "draw something" instead of a prediction. */
  empty: boolean;
  /** The ink's bounding box in the input image. */
  box: InkBox | null;
  /** Size of the scaled digit (longer side 20) and where its top-left corner went in the 28×28 frame. */
  scaled: { w: number; h: number; x: number; y: number } | null;
  /** Centre of mass of the output image (≈ 14, 14 unless the digit had to be kept inside the frame). */
  com: { x: number; y: number } | null;
}

/**
 * Ink from RGBA canvas pixels. 'alpha': strokes drawn on a transparent canvas (ink = alpha);
 * 'dark-on-light': black ink on white paper (ink = 255 − luminance, the inversion MNIST needs).
 */
export function inkFromRgba(rgba: ArrayLike<number>, w: number, h: number, mode: 'alpha' | 'dark-on-light' = 'alpha'): GreyImage {
  const data = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    if (mode === 'alpha') data[i] = rgba[i * 4 + 3];
    else {
      const lum = 0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2];
      // Transparent pixels count as paper.
      data[i] = ((255 - lum) * rgba[i * 4 + 3]) / 255;
    }
  }
  return { data, w, h };
}

/** Bounding box of pixels brighter than `threshold`; null when there are none. */
export function inkBox(img: GreyImage, threshold = 0): InkBox | null {
  let x0 = img.w;
  let y0 = img.h;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < img.h; y++) {
    for (let x = 0; x < img.w; x++) {
      if (img.data[y * img.w + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Intensity-weighted centre of mass (x = column, y = row); null for an empty image. */
export function centreOfMass(img: GreyImage): { x: number; y: number } | null {
  let m = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < img.h; y++) {
    for (let x = 0; x < img.w; x++) {
      const v = img.data[y * img.w + x];
      m += v;
      mx += v * x;
      my += v * y;
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/**
 * Resamples one axis by area averaging: output cell k covers source interval
 * [k·n/m, (k+1)·n/m) and takes the coverage-weighted mean. Works for shrinking and enlarging.
 */
function resampleWeights(n: number, m: number): { start: number; weights: number[] }[] {
  const f = n / m;
  const out: { start: number; weights: number[] }[] = [];
  for (let k = 0; k < m; k++) {
    const a = k * f;
    const b = (k + 1) * f;
    const start = Math.floor(a);
    const weights: number[] = [];
    for (let s = start; s < b - 1e-9 && s < n; s++) {
      const cover = Math.min(b, s + 1) - Math.max(a, s);
      weights.push(cover / f);
    }
    out.push({ start, weights });
  }
  return out;
}

/** Area-averaging resize of a crop of `img` to `tw × th` (anti-aliased, like MNIST's scaling). */
export function resizeArea(img: GreyImage, box: InkBox, tw: number, th: number): Float32Array {
  const wx = resampleWeights(box.w, tw);
  const wy = resampleWeights(box.h, th);
  // Horizontal pass: box.h rows × tw columns.
  const tmp = new Float32Array(box.h * tw);
  for (let y = 0; y < box.h; y++) {
    const row = (box.y + y) * img.w + box.x;
    for (let k = 0; k < tw; k++) {
      const { start, weights } = wx[k];
      let s = 0;
      for (let i = 0; i < weights.length; i++) s += weights[i] * img.data[row + start + i];
      tmp[y * tw + k] = s;
    }
  }
  // Vertical pass.
  const out = new Float32Array(th * tw);
  for (let k = 0; k < th; k++) {
    const { start, weights } = wy[k];
    for (let x = 0; x < tw; x++) {
      let s = 0;
      for (let i = 0; i < weights.length; i++) s += weights[i] * tmp[(start + i) * tw + x];
      out[k * tw + x] = s;
    }
  }
  return out;
}

const clampByte = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/**
 * The MNIST pipeline: crop → scale (longer side 20, aspect kept, area averaging) → place in
 * 28×28 with the centre of mass at (14, 14). `threshold` decides what counts as ink for the
 * bounding box. If centring would push part of the digit out of the frame (a very lopsided
 * shape), the shift is limited so nothing is cut off.
 */
export function preprocessDigit(img: GreyImage, threshold = 0): Preprocessed {
  const empty: Preprocessed = { image: new Uint8Array(SIDE * SIDE), empty: true, box: null, scaled: null, com: null };
  const box = inkBox(img, threshold);
  if (!box) return empty;
  const scale = BOX / Math.max(box.w, box.h);
  const tw = Math.max(1, Math.min(BOX, Math.round(box.w * scale)));
  const th = Math.max(1, Math.min(BOX, Math.round(box.h * scale)));
  const small = resizeArea(img, box, tw, th);
  const com = centreOfMass({ data: small, w: tw, h: th });
  if (!com) return empty;
  const ox = Math.max(0, Math.min(SIDE - tw, Math.round(CENTRE - com.x)));
  const oy = Math.max(0, Math.min(SIDE - th, Math.round(CENTRE - com.y)));
  const image = new Uint8Array(SIDE * SIDE);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) image[(oy + y) * SIDE + ox + x] = clampByte(small[y * tw + x]);
  }
  const outCom = centreOfMass({ data: image, w: SIDE, h: SIDE });
  // Faint ink can round to all zeros.
  if (!outCom) return empty;
  return { image, empty: false, box, scaled: { w: tw, h: th, x: ox, y: oy }, com: outCom };
}

/**
 * The naive alternative the chapter warns against: squash the whole canvas to 28×28 with no
 * cropping or centring (area averaging, so at least it is anti-aliased).
 */
export function naiveResize(img: GreyImage): Uint8Array {
  const out = resizeArea(img, { x: 0, y: 0, w: img.w, h: img.h }, SIDE, SIDE);
  return Uint8Array.from(out, clampByte);
}
