/**
 * Digits for the convolution explorer: picking one real MNIST example per class, and a few
 * procedurally drawn 28×28 digits so the panel still works when the data can't be loaded.
 * Pixels are in [0, 1] (1 = ink), row-major, as MNIST bytes divided by 255.
 */

export const DIGIT_SIDE = 28;

export interface DigitImage {
  /** The class it shows (0–9). */
  label: number;
  /** 784 values in [0, 1]. */
  pixels: Float64Array;
  /** Where it came from: the MNIST test set (with its index there) or drawn here. */
  source: 'mnist' | 'synthetic';
  index?: number;
}

/**
 * The first example of each class among the first `scan` images: MNIST bytes (uint8, 784
 * per image) and labels. Returns them ordered by class; a class with no example is left out.
 */
export function pickDigitPerClass(images: Uint8Array, labels: Uint8Array, scan = labels.length): DigitImage[] {
  const size = DIGIT_SIDE * DIGIT_SIDE;
  const found = new Map<number, DigitImage>();
  const n = Math.min(scan, labels.length, Math.floor(images.length / size));
  for (let i = 0; i < n && found.size < 10; i++) {
    const label = labels[i];
    if (label > 9 || found.has(label)) continue;
    const pixels = new Float64Array(size);
    for (let p = 0; p < size; p++) pixels[p] = images[i * size + p] / 255;
    found.set(label, { label, pixels, source: 'mnist', index: i });
  }
  return [...found.values()].sort((a, b) => a.label - b.label);
}

/** Distance from point p to the segment a–b. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Rasterises a pen stroke (distance field → ink) with soft edges like MNIST's anti-aliasing.
 * `dist(x, y)` is the distance from a pixel centre to the stroke's centre line.
 */
function rasterise(dist: (x: number, y: number) => number, halfWidth = 1.1, soft = 0.8): Float64Array {
  const out = new Float64Array(DIGIT_SIDE * DIGIT_SIDE);
  for (let y = 0; y < DIGIT_SIDE; y++) {
    for (let x = 0; x < DIGIT_SIDE; x++) {
      const d = dist(x + 0.5, y + 0.5);
      const v = d <= halfWidth ? 1 : d >= halfWidth + soft ? 0 : 1 - (d - halfWidth) / soft;
      out[y * DIGIT_SIDE + x] = Math.round(v * 255) / 255;
    }
  }
  return out;
}

function polyline(points: [number, number][]): (x: number, y: number) => number {
  return (x, y) => {
    let d = Infinity;
    for (let i = 1; i < points.length; i++) d = Math.min(d, segDist(x, y, ...points[i - 1], ...points[i]));
    return d;
  };
}

/** A "7": a top bar and a slanted stem, centred in the 20×20 box MNIST digits occupy. */
export function syntheticSeven(): DigitImage {
  return { label: 7, source: 'synthetic', pixels: rasterise(polyline([[8, 7], [20, 7], [19.5, 9], [12, 22]])) };
}

/** A "0": an upright ellipse ring. */
export function syntheticZero(): DigitImage {
  const cx = 14;
  const cy = 14;
  const rx = 5.5;
  const ry = 8;
  // Distance to the ellipse along the ray from its centre: close to the true distance for
  // a ring this round, and cheap.
  const dist = (x: number, y: number) => {
    const r = Math.hypot((x - cx) / rx, (y - cy) / ry);
    const fromCentre = Math.hypot(x - cx, y - cy);
    return r === 0 ? Math.min(rx, ry) : fromCentre * Math.abs(1 - 1 / r);
  };
  return { label: 0, source: 'synthetic', pixels: rasterise(dist) };
}

/** The built-in offline digits. */
export function syntheticDigits(): DigitImage[] {
  return [syntheticZero(), syntheticSeven()];
}
