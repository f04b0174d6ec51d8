/**
 * The fast wasm gradients against the cpu backend (tfjs' reference
 * implementation). Every comparison computes the same function on 'wasm' (with
 * installFastGradients) and on 'cpu' from identical inputs.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastAdam } from './fastAdam';
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel } from './wasmConvKernels';
import { avgPoolGradKernel, leakyReluGradKernel, maxPoolGradKernel, reluGradKernel } from './wasmJsKernels';
import {
  fastGradientsInstalled, installFastGradients, LEAKY_RELU_GRAD_KERNEL, RELU_GRAD_KERNEL, uninstallFastGradients,
} from './wasmGradients';
import { setSimdEnabled, simd, type WasmBackendLike } from './wasmHeap';
import { simdModuleBytes } from './wasmSimd';
import { buildSeedCnn, detRandom, lossFn, makeBatch, setDeterministicWeights } from './seedCnnFixture';

/** Output values, carrying their tensor's shape. */
type Values = Float32Array & { shape?: number[] };

/** Runs f on a backend and returns its outputs' values and shapes (all tensors disposed). */
async function on(backend: 'wasm' | 'cpu', f: () => tf.Tensor | tf.Tensor[]): Promise<Values[]> {
  await tf.setBackend(backend);
  await tf.ready();
  expect(tf.getBackend()).toBe(backend);
  return tf.tidy(() => {
    const r = f();
    return (Array.isArray(r) ? r : [r]).map((t) => Object.assign(t.dataSync() as Float32Array, { shape: t.shape }));
  });
}

/** max |a − b| / (1 + |b|): absolute near 0, relative for large values (shapes must match). */
function maxErr(a: Values, b: Values): number {
  expect(a.shape).toEqual(b.shape);
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return m;
}

async function expectSameOnWasmAndCpu(f: () => tf.Tensor | tf.Tensor[], tol = 1e-4): Promise<void> {
  const ref = await on('cpu', f);
  const got = await on('wasm', f);
  expect(got.length).toBe(ref.length);
  got.forEach((g, i) => expect(maxErr(g, ref[i])).toBeLessThanOrEqual(tol));
}

const t4 = (shape: number[], seed: number, scale = 1) =>
  tf.tensor4d(detRandom(shape.reduce((a, b) => a * b, 1), seed, scale), shape as [number, number, number, number]);

/** ReLU-like values on a 0.25 grid: many exact ties (zeros and repeats) inside pooling windows. */
const tiesInput = (shape: number[], seed: number) =>
  tf.tensor4d(detRandom(shape.reduce((a, b) => a * b, 1), seed, 1).map((v) => Math.max(0, Math.round(v * 6) / 4)),
    shape as [number, number, number, number]);

/**
 * A zero-spaced copy of w built with gather (independent of the code under test):
 * conv with dilation d == conv with this filter and dilation 1.
 */
function dilateByGather(w: tf.Tensor4D, d: number): tf.Tensor4D {
  const [kh, kw, ci, co] = w.shape;
  const eh = (kh - 1) * d + 1;
  const ew = (kw - 1) * d + 1;
  const taps = tf.concat([tf.reshape(w, [kh * kw, ci, co]), tf.zeros([1, ci, co])]);
  const idx: number[] = [];
  for (let i = 0; i < eh; i++) {
    for (let j = 0; j < ew; j++) idx.push(i % d === 0 && j % d === 0 ? (i / d) * kw + j / d : kh * kw);
  }
  return tf.reshape(tf.gather(taps, tf.tensor1d(idx, 'int32')), [eh, ew, ci, co]);
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

afterAll(() => uninstallFastGradients());

describe('stock tfjs-backend-wasm (the problem being fixed)', () => {
  it('cannot compute a conv2d filter gradient without installFastGradients', async () => {
    uninstallFastGradients();
    await tf.setBackend('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    const x = t4([1, 5, 5, 2], 1);
    const w = t4([3, 3, 2, 4], 2);
    expect(() => tf.grad((f: tf.Tensor) => tf.conv2d(x, f as tf.Tensor4D, 1, 'valid'))(w)).toThrow();
    tf.dispose([x, w]);
  });

  it('installs idempotently and registers the fast kernels', () => {
    installFastGradients();
    installFastGradients();
    expect(fastGradientsInstalled()).toBe(true);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc).toBe(conv2dBackpropFilterKernel);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc).toBe(conv2dBackpropInputKernel);
    expect(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc).toBe(maxPoolGradKernel);
    expect(tf.getKernel('AvgPoolGrad', 'wasm')?.kernelFunc).toBe(avgPoolGradKernel);
    expect(tf.getKernel(RELU_GRAD_KERNEL, 'wasm')?.kernelFunc).toBe(reluGradKernel);
    expect(tf.getKernel(LEAKY_RELU_GRAD_KERNEL, 'wasm')?.kernelFunc).toBe(leakyReluGradKernel);
    expect(WebAssembly.validate(simdModuleBytes() as BufferSource)).toBe(true);
    expect(simd(tf.backend() as unknown as WasmBackendLike)).not.toBeNull();
  });
});

describe('conv2d gradients on wasm match cpu', () => {
  beforeAll(() => installFastGradients());
  const geometries: Array<[number, number]> = [[1, 1], [2, 1], [1, 2]]; // [stride, dilation]; tfjs forbids both > 1
  // Channel pairs chosen to reach every route: [1, 16] direct small-filter loop, [1, 12] im2col GEMM,
  // [8, 4] / [4, 8] GEMM + col2im input gradient and SIMD transposes (batch 4), [3, 5] the generic paths.
  const channels: Array<[number, number]> = [[1, 16], [1, 12], [3, 5], [8, 4], [4, 8]];
  for (const pad of ['valid', 'same'] as const) {
    for (const [stride, dilation] of geometries) {
      for (const [h, w] of [[9, 9], [8, 10]]) {
        it(`pad=${pad} stride=${stride} dilation=${dilation} input ${h}×${w}`, async () => {
          for (const [ci, co] of channels) {
            for (const k of [3, 2]) {
              const f = () => {
                const x = t4([4, h, w, ci], 11 * ci + h);
                const filt = t4([k, k, ci, co], 7 * co + k, 0.5);
                const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad, 'NHWC', dilation);
                const y = conv(x, filt);
                const dy = t4(y.shape, 5);
                if (tf.getBackend() === 'cpu' && dilation > 1) {
                  // Independent reference: dilation 1 with an explicitly zero-spaced filter.
                  const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
                    tf.conv2d(a as tf.Tensor4D, dilateByGather(b as tf.Tensor4D, dilation), stride, pad))([x, filt], dy);
                  return [y, gx, gw];
                }
                return [y, ...tf.grads(conv)([x, filt], dy)];
              };
              await expectSameOnWasmAndCpu(f);
            }
          }
        });
      }
    }
  }

  it('tf.conv2dTranspose (Conv2DBackpropInput) with explicit padding and stride 2', async () => {
    installFastGradients();
    await expectSameOnWasmAndCpu(() => [
      tf.conv2dTranspose(t4([2, 4, 5, 6], 3), t4([3, 3, 4, 6], 4), [2, 8, 9, 4], 2, 'same'),
      tf.conv2dTranspose(t4([2, 5, 5, 6], 3), t4([3, 3, 4, 6], 4), [2, 7, 7, 4], 1, 'valid'),
    ]);
  });

  it('linear-activation tf.layers conv (FusedConv2D custom gradient) matches cpu', async () => {
    installFastGradients();
    const f = () => {
      const layer = tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', strides: 2, useBias: true });
      const x = t4([2, 9, 9, 3], 3);
      layer.apply(x); // build
      layer.setWeights([t4([3, 3, 3, 6], 9, 0.5), tf.tensor1d(detRandom(6, 4))]);
      const { grads, value } = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar,
        layer.trainableWeights.map((v) => v.read() as tf.Variable));
      const out = [value, ...Object.values(grads)];
      layer.dispose();
      return out;
    };
    await expectSameOnWasmAndCpu(f);
  });
});

for (const useSimd of [true, false]) describe(`pooling, relu, bias and dense gradients on wasm match cpu (${useSimd ? 'SIMD' : 'JS'} loops)`, () => {
  beforeAll(() => {
    installFastGradients();
    setSimdEnabled(useSimd);
  });
  afterAll(() => setSimdEnabled(true));
  const cases: Array<[number, number, 'valid' | 'same']> = [[2, 2, 'valid'], [2, 2, 'same'], [3, 2, 'same'], [3, 1, 'valid'], [2, 1, 'same']];
  for (const kind of ['max', 'avg'] as const) {
    it(`${kind}Pool gradient (odd/even sizes, SIMD and JS channel counts, ties)`, async () => {
      for (const [h, w, c] of [[6, 6, 8], [7, 5, 8], [5, 5, 3], [9, 8, 12], [11, 11, 64]]) {
        for (const [size, stride, pad] of cases) {
          const f = () => {
            const x = tiesInput([2, h, w, c], h * 31 + c + size);
            const pool = (t: tf.Tensor) =>
              kind === 'max' ? tf.maxPool(t as tf.Tensor4D, size, stride, pad) : tf.avgPool(t as tf.Tensor4D, size, stride, pad);
            const y = pool(x);
            return tf.grad(pool)(x, t4(y.shape, 5));
          };
          await expectSameOnWasmAndCpu(f, 1e-6);
        }
      }
    });
  }

  it('max-pool ties: the first maximum in scan order takes the whole gradient', async () => {
    const [dx] = await on('wasm', () =>
      tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid'))(tf.zeros([1, 2, 2, 4]), tf.ones([1, 1, 1, 4])));
    expect(Array.from(dx)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('relu gradient, bias (leading-axes sum) gradient and transposed matMuls', async () => {
    await expectSameOnWasmAndCpu(() => {
      const x = tf.tensor(detRandom(3 * 7 * 5, 3).map((v) => Math.round(v * 4) / 4), [3, 7, 5]);
      const a = tf.tensor2d(detRandom(6 * 40, 1), [6, 40]);
      const b = tf.tensor2d(detRandom(40 * 9, 2), [40, 9]);
      const big = t4([4, 5, 3, 8], 6);
      return [
        tf.grad((t: tf.Tensor) => tf.relu(t))(x, tf.tensor(detRandom(105, 9), [3, 7, 5])),
        tf.grad((t: tf.Tensor) => tf.leakyRelu(t, 0.3))(x, tf.tensor(detRandom(105, 9), [3, 7, 5])),
        tf.sum(big, [0, 1, 2]), tf.sum(big, [0, 1], true), tf.sum(x, [0, 1]), tf.sum(big, [1, 2]),
        tf.matMul(a, b), tf.matMul(b, a, true, true), tf.matMul(a, a, false, true), tf.matMul(a, a, true, false),
        ...tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.matMul(p, q))([a, b]),
        // SIMD transposes (4×4 blocks, row swaps) and the stock fallback (odd sizes)
        tf.transpose(big, [3, 1, 2, 0]), tf.transpose(big, [1, 2, 0, 3]), tf.transpose(big, [3, 0, 1, 2]),
        tf.transpose(big, [0, 2, 1, 3]), tf.transpose(x, [2, 0, 1]), tf.transpose(a, [1, 0]),
        // bias-broadcast fast path and the stock broadcasts
        tf.add(big, tf.tensor1d(detRandom(8, 4))), tf.add(tf.tensor1d(detRandom(8, 4)), big), tf.add(x, tf.tensor1d(detRandom(5, 1))),
        tf.add(big, tf.ones([1, 1, 3, 8])),
      ];
    });
  });
});

describe('fastAdam', () => {
  beforeAll(() => installFastGradients());
  for (const backend of ['wasm', 'cpu'] as const) {
    it(`is bit-identical to tf.train.adam on ${backend}`, async () => {
      await tf.setBackend(backend);
      const run = (make: () => tf.Optimizer) => {
        const w = [tf.variable(t4([3, 3, 2, 8], 1)), tf.variable(tf.tensor1d(detRandom(7, 2)))];
        const opt = make();
        for (let i = 0; i < 4; i++) {
          opt.minimize(() => tf.add(tf.sum(tf.square(tf.sin(w[0]))), tf.sum(tf.mul(w[1], w[1]))) as tf.Scalar);
        }
        const out = w.map((v) => v.dataSync().slice());
        opt.dispose();
        tf.dispose(w);
        return out;
      };
      const stock = run(() => tf.train.adam(0.01));
      const fast = run(() => fastAdam(0.01));
      fast.forEach((f, i) => expect(Array.from(f)).toEqual(Array.from(stock[i])));
    });
  }
});

describe('seed CNN training step', () => {
  beforeAll(() => installFastGradients());

  it('loss and every variable gradient match cpu', async () => {
    const f = () => {
      const model = buildSeedCnn();
      setDeterministicWeights(model, 3);
      const { x, y } = makeBatch(8);
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => lossFn(model, x, y), vars);
      const out = [value, ...vars.map((v) => grads[v.name])];
      model.dispose();
      return out;
    };
    const ref = await on('cpu', f);
    const got = await on('wasm', f);
    expect(got.length).toBe(9); // loss + 8 variables
    got.forEach((g, i) => expect(maxErr(g, ref[i])).toBeLessThanOrEqual(1e-4));
  });

  it('a model with the other layer types (same/strided/dilated conv, batchNorm, leakyReLU, elu, avgPool, tanh) matches cpu', async () => {
    const f = () => {
      const m = tf.sequential();
      m.add(tf.layers.conv2d({ inputShape: [12, 12, 3], filters: 8, kernelSize: 3, strides: 2, padding: 'same' }));
      m.add(tf.layers.batchNormalization());
      m.add(tf.layers.leakyReLU({ alpha: 0.2 }));
      m.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'elu' }));
      m.add(tf.layers.averagePooling2d({ poolSize: 2 }));
      m.add(tf.layers.conv2d({ filters: 8, kernelSize: 2, activation: 'relu' }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 12, activation: 'tanh' }));
      m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
      setDeterministicWeights(m, 5);
      const x = t4([8, 12, 12, 3], 21);
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32'), 10).toFloat() as tf.Tensor2D;
      const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => lossFn(m, x, y), vars);
      const out = [value, ...vars.map((v) => grads[v.name])];
      m.dispose();
      return out;
    };
    await expectSameOnWasmAndCpu(f);
  });

  for (const [label, make] of [['tf.train.adam', () => tf.train.adam(1e-3)], ['fastAdam', () => fastAdam(1e-3)]] as const)
  it(`repeated ${label} steps do not leak tensors or wasm buffers`, async () => {
    await tf.setBackend('wasm');
    const model = buildSeedCnn();
    const opt = make();
    const { x, y } = makeBatch(16);
    const step = () => opt.minimize(() => lossFn(model, x, y), true)?.dispose();
    for (let i = 0; i < 3; i++) step();
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    tf.dispose([x, y]);
    opt.dispose();
    model.dispose();
  });
});
