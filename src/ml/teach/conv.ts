/**
 * Single-channel 2-D convolution as deep-learning libraries compute it (cross-correlation:
 * the kernel is NOT flipped), with 'valid'/'same' padding, strides, ReLU and pooling.
 * Plain TypeScript so the convolution explorer can recompute on every keystroke.
 * Maps are row-major Float64Arrays; (y, x) is row y, column x.
 */

export type ConvPadding = 'valid' | 'same';
export type PoolMode = 'max' | 'avg';

/** A 2-D map of numbers, row-major. */
export interface Map2D {
  data: Float64Array;
  h: number;
  w: number;
}

export function makeMap(h: number, w: number, values?: ArrayLike<number>): Map2D {
  const data = new Float64Array(h * w);
  if (values) for (let i = 0; i < h * w; i++) data[i] = values[i];
  return { data, h, w };
}

/**
 * The output side length ⌊(n + 2p − k)/s⌋ + 1 (the formula the chapter teaches).
 * Returns 0 when the kernel does not fit.
 */
export function outputSize(n: number, k: number, s: number, p: number): number {
  const span = n + 2 * p - k;
  return span < 0 ? 0 : Math.floor(span / s) + 1;
}

/**
 * Padding along one axis, as TensorFlow/tf.js compute it. 'valid': none. 'same': the output
 * has ⌈n/s⌉ positions and the total padding max((out−1)·s + k − n, 0) is split with the odd
 * zero going after (bottom/right) — so stride 2 on 28 pads 0 before and 1 after.
 */
export function axisPadding(n: number, k: number, s: number, padding: ConvPadding): { before: number; after: number; out: number } {
  if (padding === 'valid') return { before: 0, after: 0, out: outputSize(n, k, s, 0) };
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before, out };
}

/**
 * The symmetric p to put in ⌊(n + 2p − k)/s⌋ + 1: 0 for 'valid', (k−1)/2 for 'same' with an odd
 * kernel. For odd k that formula gives ⌈n/s⌉, the size 'same' produces, at every stride.
 */
export function formulaPadding(k: number, padding: ConvPadding): number {
  return padding === 'valid' ? 0 : Math.floor((k - 1) / 2);
}

export interface ConvGeometry {
  outH: number;
  outW: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
}

export function convGeometry(h: number, w: number, k: number, stride: number, padding: ConvPadding): ConvGeometry {
  const y = axisPadding(h, k, stride, padding);
  const x = axisPadding(w, k, stride, padding);
  return { outH: y.out, outW: x.out, padTop: y.before, padBottom: y.after, padLeft: x.before, padRight: x.after };
}

/** Input value at (y, x), or 0 outside the image (zero padding). */
function at(input: Map2D, y: number, x: number): number {
  return y < 0 || x < 0 || y >= input.h || x >= input.w ? 0 : input.data[y * input.w + x];
}

/**
 * Cross-correlation S(i, j) = Σ_m Σ_n I(i·s + m − padTop, j·s + n − padLeft) · K(m, n) of a
 * single-channel input with one k×k kernel (row-major, length k²). Matches tf.conv2d with
 * one input and one output channel, no bias.
 */
export function conv2d(input: Map2D, kernel: ArrayLike<number>, k: number, stride: number, padding: ConvPadding): Map2D & ConvGeometry {
  if (kernel.length !== k * k) throw new Error(`kernel has ${kernel.length} values, expected ${k * k}`);
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`stride must be a positive integer, got ${stride}`);
  const g = convGeometry(input.h, input.w, k, stride, padding);
  const out = makeMap(g.outH, g.outW);
  for (let i = 0; i < g.outH; i++) {
    for (let j = 0; j < g.outW; j++) {
      let sum = 0;
      for (let m = 0; m < k; m++) {
        for (let n = 0; n < k; n++) sum += at(input, i * stride + m - g.padTop, j * stride + n - g.padLeft) * kernel[m * k + n];
      }
      out.data[i * g.outW + j] = sum;
    }
  }
  return { ...out, ...g };
}

/** One term of the sum for an output pixel: which input pixel, its value, the weight and the product. */
export interface PatchTerm {
  y: number;
  x: number;
  /** True when (y, x) falls in the zero padding, outside the image. */
  padded: boolean;
  value: number;
  weight: number;
  product: number;
}

/**
 * The k×k window behind output pixel (i, j): its top-left input coordinate, every
 * element-wise product and their sum (equal to conv2d's output there).
 */
export function convPatch(
  input: Map2D,
  kernel: ArrayLike<number>,
  k: number,
  stride: number,
  padding: ConvPadding,
  i: number,
  j: number,
): { top: number; left: number; terms: PatchTerm[]; sum: number } {
  const g = convGeometry(input.h, input.w, k, stride, padding);
  const top = i * stride - g.padTop;
  const left = j * stride - g.padLeft;
  const terms: PatchTerm[] = [];
  let sum = 0;
  for (let m = 0; m < k; m++) {
    for (let n = 0; n < k; n++) {
      const y = top + m;
      const x = left + n;
      const value = at(input, y, x);
      const weight = kernel[m * k + n];
      const product = value * weight;
      sum += product;
      terms.push({ y, x, padded: y < 0 || x < 0 || y >= input.h || x >= input.w, value, weight, product });
    }
  }
  return { top, left, terms, sum };
}

/** Rotates a k×k kernel by 180°: true (signal-processing) convolution is cross-correlation with this. */
export function flipKernel(kernel: ArrayLike<number>): number[] {
  return Array.from(kernel).reverse();
}

/** ReLU, max(0, x), element-wise. */
export function relu(map: Map2D): Map2D {
  return { h: map.h, w: map.w, data: map.data.map((v) => (v > 0 ? v : 0)) };
}

/**
 * Pooling with a size×size window and the given stride, 'valid' padding (trailing rows and
 * columns that don't fill a window are dropped: 11×11 → 5×5), like tf.maxPool / tf.avgPool.
 */
export function pool2d(map: Map2D, mode: PoolMode, size = 2, stride = size): Map2D {
  const oh = outputSize(map.h, size, stride, 0);
  const ow = outputSize(map.w, size, stride, 0);
  const out = makeMap(oh, ow);
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      let acc = mode === 'max' ? -Infinity : 0;
      for (let m = 0; m < size; m++) {
        for (let n = 0; n < size; n++) {
          const v = map.data[(i * stride + m) * map.w + j * stride + n];
          acc = mode === 'max' ? Math.max(acc, v) : acc + v;
        }
      }
      out.data[i * ow + j] = mode === 'max' ? acc : acc / (size * size);
    }
  }
  return out;
}

/** Smallest and largest value of a map (0, 0 for an empty map). */
export function mapRange(map: Map2D): { min: number; max: number } {
  if (map.data.length === 0) return { min: 0, max: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (const v of map.data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

export type KernelPreset = 'identity' | 'edge-x' | 'edge-y' | 'laplacian' | 'outline' | 'blur' | 'gaussian' | 'sharpen' | 'emboss';

/**
 * Classic 3×3 kernels, row-major. Weight sums tell what they do: 0 for detectors (flat regions
 * → 0), 1 for filters that keep brightness (blur, sharpen, emboss).
 */
export const KERNEL_PRESETS: Record<KernelPreset, number[]> = {
  identity: [0, 0, 0, 0, 1, 0, 0, 0, 0],
  // Sobel: differences along x (responds to vertical edges), smoothed along y.
  'edge-x': [-1, 0, 1, -2, 0, 2, -1, 0, 1],
  'edge-y': [-1, -2, -1, 0, 0, 0, 1, 2, 1],
  laplacian: [0, -1, 0, -1, 4, -1, 0, -1, 0],
  outline: [-1, -1, -1, -1, 8, -1, -1, -1, -1],
  blur: [1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
  gaussian: [1 / 16, 2 / 16, 1 / 16, 2 / 16, 4 / 16, 2 / 16, 1 / 16, 2 / 16, 1 / 16],
  sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
  emboss: [-2, -1, 0, -1, 1, 1, 0, 1, 2],
};

export const KERNEL_PRESET_NAMES = Object.keys(KERNEL_PRESETS) as KernelPreset[];

/** How presets are written in the kernel's cells: fractions stay exact (1/9 rather than 0.1111). */
export const KERNEL_PRESET_TEXT: Record<KernelPreset, string[]> = Object.fromEntries(
  KERNEL_PRESET_NAMES.map((name) => [
    name,
    KERNEL_PRESETS[name].map((v) => {
      if (name === 'blur') return '1/9';
      if (name === 'gaussian') return `${Math.round(v * 16)}/16`;
      return String(v);
    }),
  ]),
) as Record<KernelPreset, string[]>;

/**
 * Parses a kernel cell: a decimal ("-1", "0.25", ".5") or a fraction ("1/9", "-2/16").
 * Returns null for anything else (including division by zero).
 */
export function parseWeight(text: string): number | null {
  const s = text.trim().replace(/[−–]/g, '-');
  const num = /^[-+]?(\d+\.?\d*|\.\d+)$/;
  if (num.test(s)) return Number(s);
  const parts = s.split('/');
  if (parts.length === 2 && num.test(parts[0].trim()) && /^(\d+\.?\d*|\.\d+)$/.test(parts[1].trim())) {
    const d = Number(parts[1]);
    return d === 0 ? null : Number(parts[0]) / d;
  }
  return null;
}
