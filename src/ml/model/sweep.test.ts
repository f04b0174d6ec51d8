/**
 * The cross-backend sweep (issue 17): every layer configuration the spec accepts, built by
 * buildModel and run forward and backward on wasm (with our gradient kernels installed) and on
 * cpu, tfjs' reference. A failing case prints its configuration and its worst value.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFastGradients, uninstallFastGradients } from '../backends/wasmGradients';
import {
  compareResults, convCases, hasNegativeSamePad, layerCases, poolCases, presetCases, sweepRandom, type SweepCase,
} from './sweep';
import { reducedCases, runSweep } from './sweepRunner';

async function use(backend: 'cpu' | 'wasm') {
  await tf.setBackend(backend);
  await tf.ready();
  expect(tf.getBackend()).toBe(backend);
}

/** Runs every case on cpu, then on wasm; returns one line per case that disagrees. */
async function sweep(cases: SweepCase[]): Promise<string[]> {
  const r = await runSweep(cases, 'wasm');
  console.log(`sweep: ${r.configs} configs, ${r.outputs} outputs compared (y, dx, dW…) on wasm vs cpu, ${r.failures.length} failing`);
  return r.failures;
}

beforeAll(() => installFastGradients());
afterAll(() => uninstallFastGradients());

describe('every spec configuration computes the same on wasm as on cpu, forward and backward', () => {
  const conv = convCases();
  it('covers the known-bad family exhaustively: every input, kernel and stride whose TF "same" total is negative', () => {
    const bad = conv.filter((c) => c.negativeSamePad);
    expect(bad.length).toBe(330); // 66 geometries × 5 channel pairs
    expect(bad.map((c) => c.id)).toContain('conv2d in 3×3×2 k2 s3 d1 same filters 3 linear');
  });
  for (const k of [1, 2, 3, 4, 5, 7]) {
    it(`conv2d ${k}×${k}: strides 1–4, dilations 1–3, both paddings, inputs 1–12 and non-square, every activation`, async () => {
      expect(await sweep(conv.filter((c) => c.spec.layers[0].type === 'conv2d' && c.spec.layers[0].kernelSize === k))).toEqual([]);
    });
  }

  for (const type of ['maxPool', 'avgPool']) {
    it(`${type}: windows 1–5, strides 1–5, both paddings`, async () => {
      expect(await sweep(poolCases().filter((c) => c.spec.layers[0].type === type))).toEqual([]);
    });
  }

  it('dense with every activation, activation layers, dropout (inference and seeded training), batch norm (train and eval)', async () => {
    expect(await sweep(layerCases())).toEqual([]);
  });

  it("the builder's presets and small mixed stacks, in training and inference mode", async () => {
    expect(await sweep(presetCases())).toEqual([]);
  });

  it('the reduced sweep the browser runs keeps one case of every known-bad geometry', () => {
    const reduced = reducedCases();
    expect(reduced.filter((c) => c.negativeSamePad).length).toBe(66);
    expect(reduced.length).toBeLessThan(300);
  });
});

describe("our wasm conv gradient kernels on 'same' padding with a negative TF total", () => {
  it('match cpu (dL/dx and dL/dW of the raw op) for every such geometry', async () => {
    const geoms = convCases().filter((c) => c.negativeSamePad);
    const run = () =>
      geoms.map((c) => {
        const l = c.spec.layers[0] as Extract<typeof c.spec.layers[0], { type: 'conv2d' }>;
        const [h, w, ci] = c.spec.inputShape;
        return tf.tidy(() => {
          const x = tf.tensor4d(sweepRandom(2 * h * w * ci, c.seed), [2, h, w, ci]);
          const f = tf.tensor4d(sweepRandom(l.kernelSize ** 2 * ci * l.filters, c.seed + 1, 0.5), [l.kernelSize, l.kernelSize, ci, l.filters]);
          const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, l.strides ?? 1, 'same', 'NHWC', l.dilation ?? 1);
          const outShape = tf.backend_util.computeConv2DInfo(x.shape, f.shape, l.strides ?? 1, l.dilation ?? 1, 'same').outShape;
          const dy = tf.tensor(sweepRandom(outShape.reduce((a, b) => a * b, 1), c.seed + 2), outShape);
          const ts = tf.grads(conv)([x, f], dy);
          return { names: ['dx', 'dW'], values: ts.map((t) => t.dataSync() as Float32Array), shapes: ts.map((t) => t.shape) };
        });
      });
    await use('cpu');
    const ref = run();
    await use('wasm');
    const got = run();
    const failures = geoms
      .map((c, i) => ({ c, ...compareResults(got[i], ref[i]) }))
      .filter((r) => !(r.err <= 1e-4))
      .map((r) => `${r.c.id}: max err ${r.err.toPrecision(3)} (${r.worst})`);
    expect(failures).toEqual([]);
  });
});

describe("the workaround's premise", () => {
  it("on cpu (the reference), 'same' with a total ≤ 0 on both axes equals 'valid'", async () => {
    await use('cpu');
    let checked = 0;
    for (let n = 1; n <= 12; n++) {
      for (let k = 1; k <= 5; k++) {
        for (let s = 1; s <= 4; s++) {
          if (k > n || !(tfTotal(n, k, s) <= 0)) continue;
          tf.tidy(() => {
            const x = tf.tensor4d(sweepRandom(n * n * 2, n * 100 + k * 10 + s), [1, n, n, 2]);
            const f = tf.tensor4d(sweepRandom(k * k * 6, k), [k, k, 2, 3]);
            const same = tf.conv2d(x, f, s, 'same');
            const valid = tf.conv2d(x, f, s, 'valid');
            expect(same.shape).toEqual(valid.shape);
            expect(Array.from(same.dataSync())).toEqual(Array.from(valid.dataSync()));
          });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('stock wasm conv2d still computes the known-bad family wrongly (remove the workaround once this fails)', async () => {
    const f = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(sweepRandom(28 * 28, 3), [1, 28, 28, 1]);
        const w = tf.tensor4d(sweepRandom(9 * 4, 4), [3, 3, 1, 4]);
        return tf.conv2d(x, w, 4, 'same').dataSync() as Float32Array;
      });
    expect(hasNegativeSamePad(28, 28, 3, 4, 1)).toBe(true);
    await use('cpu');
    const ref = f();
    await use('wasm');
    const got = f();
    const err = Math.max(...Array.from(got, (v, i) => Math.abs(v - ref[i])));
    expect(err).toBeGreaterThan(0.1);
  });
});

const tfTotal = (n: number, k: number, s: number) => (Math.ceil(n / s) - 1) * s + k - n;
