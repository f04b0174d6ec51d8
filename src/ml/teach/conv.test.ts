import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  axisPadding,
  conv2d,
  convPatch,
  flipKernel,
  formulaPadding,
  KERNEL_PRESET_NAMES,
  KERNEL_PRESET_TEXT,
  KERNEL_PRESETS,
  makeMap,
  mapRange,
  outputSize,
  parseWeight,
  pool2d,
  relu,
  type ConvPadding,
} from './conv';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A deterministic pseudo-random map (an LCG), so the comparison covers arbitrary values. */
function randomMap(h: number, w: number, seed: number) {
  let s = seed;
  const vals = Array.from({ length: h * w }, () => {
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    return s / 2 ** 32 - 0.3;
  });
  return makeMap(h, w, vals);
}

function tfConv(input: ReturnType<typeof makeMap>, kernel: number[], k: number, stride: number, padding: ConvPadding) {
  return tf.tidy(() => {
    const x = tf.tensor4d(Array.from(input.data), [1, input.h, input.w, 1]);
    const f = tf.tensor4d(kernel, [k, k, 1, 1]);
    const y = tf.conv2d(x, f, stride, padding);
    return { shape: y.shape.slice(1, 3), data: Array.from(y.dataSync()) };
  });
}

describe('conv2d (cross-correlation) against tf.conv2d on the cpu backend', () => {
  const kernel = [0.3, -1.2, 0.5, 2, 0.1, -0.7, -0.4, 0.9, 1.5]; // asymmetric: a flip would show
  for (const padding of ['valid', 'same'] as const) {
    for (const stride of [1, 2, 3]) {
      for (const [h, w] of [[28, 28], [7, 9], [6, 5]]) {
        it(`${h}×${w}, ${padding}, stride ${stride}`, () => {
          const input = randomMap(h, w, h * 100 + w + stride);
          const ours = conv2d(input, kernel, 3, stride, padding);
          const ref = tfConv(input, kernel, 3, stride, padding);
          expect([ours.outH, ours.outW]).toEqual(ref.shape);
          expect(ours.data.length).toBe(ref.data.length);
          ours.data.forEach((v, i) => expect(v).toBeCloseTo(ref.data[i], 5));
        });
      }
    }
  }

  it('matches tf for a 5×5 kernel with same padding and stride 2', () => {
    const input = randomMap(11, 10, 5);
    const k5 = Array.from({ length: 25 }, (_, i) => Math.sin(i + 1));
    const ours = conv2d(input, k5, 5, 2, 'same');
    const ref = tfConv(input, k5, 5, 2, 'same');
    expect([ours.outH, ours.outW]).toEqual(ref.shape);
    ours.data.forEach((v, i) => expect(v).toBeCloseTo(ref.data[i], 5));
  });

  it('reproduces the chapter example: a dark-to-bright step under Sobel x gives [0, 4, 4, 0]', () => {
    const row = [0, 0, 0, 1, 1, 1];
    const input = makeMap(3, 6, [...row, ...row, ...row]);
    const out = conv2d(input, KERNEL_PRESETS['edge-x'], 3, 1, 'valid');
    expect([out.outH, out.outW]).toEqual([1, 4]);
    expect(Array.from(out.data)).toEqual([0, 4, 4, 0]);
    // True convolution flips the kernel, which for Sobel x negates it.
    expect(Array.from(conv2d(input, flipKernel(KERNEL_PRESETS['edge-x']), 3, 1, 'valid').data)).toEqual([0, -4, -4, 0]);
  });

  it('identity keeps the image; blur and sharpen keep a flat region unchanged; detectors give 0 there', () => {
    const img = randomMap(6, 6, 9);
    expect(Array.from(conv2d(img, KERNEL_PRESETS.identity, 3, 1, 'same').data)).toEqual(Array.from(img.data));
    const flat = makeMap(5, 5, new Array(25).fill(0.6));
    for (const name of ['blur', 'gaussian', 'sharpen'] as const) {
      conv2d(flat, KERNEL_PRESETS[name], 3, 1, 'valid').data.forEach((v) => expect(v).toBeCloseTo(0.6, 12));
    }
    for (const name of ['edge-x', 'edge-y', 'laplacian', 'outline'] as const) {
      conv2d(flat, KERNEL_PRESETS[name], 3, 1, 'valid').data.forEach((v) => expect(v).toBeCloseTo(0, 12));
    }
  });

  it('rejects a kernel of the wrong length and a bad stride', () => {
    expect(() => conv2d(makeMap(4, 4), [1, 2, 3], 3, 1, 'valid')).toThrow();
    expect(() => conv2d(makeMap(4, 4), KERNEL_PRESETS.identity, 3, 0, 'valid')).toThrow();
  });
});

describe('output size and padding', () => {
  it('follows ⌊(n + 2p − k)/s⌋ + 1 on the chapter table', () => {
    expect(outputSize(28, 3, 1, 0)).toBe(26);
    expect(outputSize(28, 3, 1, 1)).toBe(28);
    expect(outputSize(28, 3, 2, 1)).toBe(14);
    expect(outputSize(32, 5, 1, 0)).toBe(28);
    expect(outputSize(26, 2, 2, 0)).toBe(13);
    expect(outputSize(11, 2, 2, 0)).toBe(5);
    expect(outputSize(2, 3, 1, 0)).toBe(0);
  });

  it("splits 'same' padding like TensorFlow (odd zero after) and agrees with the formula's p", () => {
    expect(axisPadding(28, 3, 1, 'same')).toEqual({ before: 1, after: 1, out: 28 });
    expect(axisPadding(28, 3, 2, 'same')).toEqual({ before: 0, after: 1, out: 14 });
    expect(axisPadding(28, 3, 3, 'same')).toEqual({ before: 1, after: 1, out: 10 });
    expect(axisPadding(28, 3, 2, 'valid')).toEqual({ before: 0, after: 0, out: 13 });
    for (const n of [5, 6, 7, 28]) {
      for (const s of [1, 2, 3]) expect(outputSize(n, 3, s, formulaPadding(3, 'same'))).toBe(axisPadding(n, 3, s, 'same').out);
    }
  });
});

describe('convPatch: the window behind one output pixel', () => {
  it('lists the 9 products whose sum is the output value, marking padded cells', () => {
    const input = randomMap(7, 7, 3);
    const kernel = KERNEL_PRESETS.emboss;
    for (const [padding, stride] of [['same', 1], ['same', 2], ['valid', 3]] as const) {
      const out = conv2d(input, kernel, 3, stride, padding);
      for (const [i, j] of [[0, 0], [out.outH - 1, out.outW - 1], [1, 0]]) {
        const p = convPatch(input, kernel, 3, stride, padding, i, j);
        expect(p.terms).toHaveLength(9);
        expect(p.sum).toBeCloseTo(out.data[i * out.outW + j], 12);
        for (const t of p.terms) expect(t.product).toBeCloseTo(t.value * t.weight, 12);
      }
    }
    const corner = convPatch(input, kernel, 3, 1, 'same', 0, 0);
    expect([corner.top, corner.left]).toEqual([-1, -1]);
    expect(corner.terms.filter((t) => t.padded)).toHaveLength(5);
    expect(corner.terms[4]).toMatchObject({ y: 0, x: 0, padded: false, value: input.data[0] });
  });
});

describe('ReLU and pooling against tf', () => {
  it('relu zeroes negatives only', () => {
    expect(Array.from(relu(makeMap(1, 4, [-2, 0, 0.5, -0.1])).data)).toEqual([0, 0, 0.5, 0]);
  });

  for (const mode of ['max', 'avg'] as const) {
    for (const [h, w] of [[26, 26], [11, 11], [5, 8]]) {
      it(`${mode} pool 2×2 stride 2 on ${h}×${w}`, () => {
        const m = randomMap(h, w, h + w);
        const ours = pool2d(m, mode);
        const ref = tf.tidy(() => {
          const x = tf.tensor4d(Array.from(m.data), [1, h, w, 1]);
          const y = mode === 'max' ? tf.maxPool(x, 2, 2, 'valid') : tf.avgPool(x, 2, 2, 'valid');
          return { shape: y.shape.slice(1, 3), data: Array.from(y.dataSync()) };
        });
        expect([ours.h, ours.w]).toEqual(ref.shape);
        ours.data.forEach((v, i) => expect(v).toBeCloseTo(ref.data[i], 5));
      });
    }
  }

  it('pools the chapter block [[1, 3], [2, 0]] to 3 (max) and 1.5 (avg)', () => {
    const m = makeMap(2, 2, [1, 3, 2, 0]);
    expect(pool2d(m, 'max').data[0]).toBe(3);
    expect(pool2d(m, 'avg').data[0]).toBe(1.5);
  });

  it('mapRange finds min and max', () => {
    expect(mapRange(makeMap(1, 3, [2, -5, 1]))).toEqual({ min: -5, max: 2 });
  });
});

describe('kernel presets and cell parsing', () => {
  it('has the expected weight sums (0 for detectors, 1 for brightness-keeping filters)', () => {
    const sum = (n: (typeof KERNEL_PRESET_NAMES)[number]) => KERNEL_PRESETS[n].reduce((a, b) => a + b, 0);
    for (const n of ['edge-x', 'edge-y', 'laplacian', 'outline'] as const) expect(sum(n)).toBeCloseTo(0, 12);
    for (const n of ['identity', 'blur', 'gaussian', 'sharpen', 'emboss'] as const) expect(sum(n)).toBeCloseTo(1, 12);
    expect(KERNEL_PRESETS['edge-y']).toEqual([-1, -2, -1, 0, 0, 0, 1, 2, 1]);
  });

  it('writes presets as text that parses back to the same numbers', () => {
    for (const n of KERNEL_PRESET_NAMES) {
      expect(KERNEL_PRESET_TEXT[n].map((s) => parseWeight(s))).toEqual(KERNEL_PRESETS[n]);
    }
    expect(KERNEL_PRESET_TEXT.blur[0]).toBe('1/9');
  });

  it('parses decimals and fractions, rejects junk', () => {
    expect(parseWeight('-1')).toBe(-1);
    expect(parseWeight(' 0.25 ')).toBe(0.25);
    expect(parseWeight('.5')).toBe(0.5);
    expect(parseWeight('−2')).toBe(-2);
    expect(parseWeight('1/9')).toBeCloseTo(1 / 9, 15);
    expect(parseWeight('-2/16')).toBe(-0.125);
    for (const bad of ['', 'abc', '1/0', '1/', '--1', '1e', '1/-2', '2/3/4']) expect(parseWeight(bad)).toBeNull();
  });
});
