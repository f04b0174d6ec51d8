import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './builder';
import { planConvPadding, tfSamePadding } from './convPadding';
import { tapLayers } from '../inspect/activations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("TF's 'same' padding", () => {
  it('follows total = max((out − 1)·s + eff − in, 0), before = floor(total / 2)', () => {
    expect(tfSamePadding(28, 3, 1)).toEqual({ raw: 2, before: 1, after: 1 });
    expect(tfSamePadding(28, 2, 2)).toEqual({ raw: 0, before: 0, after: 0 });
    expect(tfSamePadding(9, 4, 2)).toEqual({ raw: 3, before: 1, after: 2 });
    expect(tfSamePadding(5, 3, 1, 2)).toEqual({ raw: 4, before: 2, after: 2 });
    // The configurations stock wasm gets wrong: the unclamped total is negative.
    expect(tfSamePadding(3, 2, 3)).toEqual({ raw: -1, before: 0, after: 0 });
    expect(tfSamePadding(28, 3, 4)).toEqual({ raw: -1, before: 0, after: 0 });
  });

  it("keeps 'valid' and non-negative 'same'; turns negative 'same' into 'valid', with explicit padding on a positive axis", () => {
    expect(planConvPadding(28, 28, 3, 1, 1, 'valid')).toEqual({ padding: 'valid' });
    expect(planConvPadding(28, 28, 3, 2, 1, 'same')).toEqual({ padding: 'same' });
    expect(planConvPadding(28, 28, 3, 4, 1, 'same')).toEqual({ padding: 'valid' });
    // 3 rows: total −1 (no padding); 8 columns: total 2·3 + 2 − 8 = 0 → 'valid' along both.
    expect(planConvPadding(3, 8, 2, 3, 1, 'same')).toEqual({ padding: 'valid' });
    // 8 rows: total (2−1)·4 + 3 − 8 = −1; 3 columns: total 0 + 3 − 3 = 0.
    expect(planConvPadding(8, 3, 3, 4, 1, 'same')).toEqual({ padding: 'valid' });
    // 12 rows: (3−1)·4 + 3 − 12 = −1; 7 columns: (2−1)·4 + 3 − 7 = 0.
    expect(planConvPadding(12, 7, 3, 4, 1, 'same')).toEqual({ padding: 'valid' });
    // 5 rows: (2−1)·4 + 3 − 5 = 2 (pad 1 + 1); 12 columns: (3−1)·4 + 3 − 12 = −1.
    expect(planConvPadding(5, 12, 3, 4, 1, 'same')).toEqual({ padding: 'valid', zeroPad: [[1, 1], [0, 0]] });
  });
});

describe('SpecConv2D in built models', () => {
  it("is still a Conv2D to everything that reads the model: class name, config, weight names, activation taps", () => {
    const model = buildModel({ inputShape: [28, 28, 1], layers: [
      { type: 'conv2d', filters: 4, kernelSize: 3, strides: 4, padding: 'same', activation: 'leakyRelu' },
      { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same', dilation: 2 },
    ] }, { seed: 1 });
    const conv = model.layers[0];
    expect(conv.getClassName()).toBe('Conv2D');
    expect((conv.getConfig() as { padding: string }).padding).toBe('same');
    expect(model.weights.map((w) => w.name)).toEqual(['conv2d_0/kernel', 'conv2d_0/bias', 'conv2d_1/kernel', 'conv2d_1/bias']);
    expect(model.outputs[0].shape).toEqual([null, 7, 7, 2]);
    expect(tapLayers(model).map((t) => t.name)).toEqual(['conv2d_0', 'conv2d_1']);
    model.dispose();
  });

  it("computes a negative-total 'same' conv with padding on one axis exactly like TF's rule on cpu", () => {
    const spec = { inputShape: [5, 12, 2] as [number, number, number], layers: [{ type: 'conv2d' as const, filters: 3, kernelSize: 3, strides: 4, padding: 'same' as const }] };
    const model = buildModel(spec, { seed: 2 });
    const x = tf.randomNormal([2, 5, 12, 2], 0, 1, 'float32', 3) as tf.Tensor4D;
    const [kernel, bias] = model.getWeights();
    const want = tf.add(tf.conv2d(x, kernel as tf.Tensor4D, 4, 'same'), bias);
    const got = model.predict(x) as tf.Tensor;
    expect(got.shape).toEqual([2, 2, 3, 3]);
    expect(Math.max(...Array.from(tf.abs(tf.sub(got, want)).dataSync()))).toBeLessThan(1e-5);
    tf.dispose([x, want, got]);
    model.dispose();
  });
});
