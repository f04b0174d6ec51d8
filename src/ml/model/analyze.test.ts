import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSpec, type SpecErrorCode } from './analyze';
import { buildModel } from './builder';
import { DEEP_CNN, MLP, PRESETS } from './presets';
import { SEED_CNN, type LayerSpec, type ModelSpec } from './spec';

const spec = (layers: LayerSpec[], inputShape: [number, number, number] = [28, 28, 1]): ModelSpec => ({ inputShape, layers });
const head: LayerSpec[] = [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }];
const codes = (s: ModelSpec) => analyzeSpec(s).errors.map((e) => e.code);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('analyzeSpec', () => {
  it('seed CNN: 121,930 params and the course shapes', () => {
    const a = analyzeSpec(SEED_CNN);
    expect(a.ok).toBe(true);
    expect(a.totalParams).toBe(121_930);
    expect(a.trainableParams).toBe(121_930);
    expect(a.layers.map((l) => l.outputShape)).toEqual([[26, 26, 32], [13, 13, 32], [11, 11, 64], [5, 5, 64], [1600], [64], [10]]);
    expect(a.layers.map((l) => l.params)).toEqual([320, 0, 18_496, 0, 0, 102_464, 650]);
  });

  it("'same' padding, strides, dilation, avgPool", () => {
    const a = analyzeSpec(
      spec([
        { type: 'conv2d', filters: 8, kernelSize: 5, padding: 'same' },
        { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2 },
        { type: 'conv2d', filters: 4, kernelSize: 3, dilation: 2 },
        { type: 'avgPool', poolSize: 3, strides: 2, padding: 'same' },
        ...head,
      ]),
    );
    expect(a.errors).toEqual([]);
    // 28 same → 28; (28−3+1)/2 → 13; dilated 3×3 spans 5: 13−5+1 → 9; same/2 → 5
    expect(a.layers.map((l) => l.outputShape)).toEqual([[28, 28, 8], [13, 13, 8], [9, 9, 4], [5, 5, 4], [100], [10]]);
    expect(a.totalParams).toBe(5 * 5 * 8 + 8 + (9 * 8 * 8 + 8) + (9 * 8 * 4 + 4) + 100 * 10 + 10);
  });

  it('batchNorm has 4 params per channel, 2 trainable', () => {
    const a = analyzeSpec(spec([{ type: 'conv2d', filters: 6, kernelSize: 3 }, { type: 'batchNorm' }, ...head]));
    expect(a.layers[1]).toMatchObject({ params: 24, trainableParams: 12, outputShape: [26, 26, 6] });
    expect(a.totalParams - a.trainableParams).toBe(12);
  });

  it.each<[string, ModelSpec, SpecErrorCode]>([
    ['kernel larger than input', spec([{ type: 'conv2d', filters: 2, kernelSize: 5 }, ...head], [4, 4, 1]), 'kernel-too-large'],
    ['dilated kernel larger than input', spec([{ type: 'conv2d', filters: 2, kernelSize: 3, dilation: 14 }, ...head]), 'kernel-too-large'],
    ['pool larger than input', spec([{ type: 'maxPool', poolSize: 30 }, ...head]), 'pool-too-large'],
    ['dense on a feature map', spec([{ type: 'conv2d', filters: 2, kernelSize: 3 }, { type: 'dense', units: 10 }]), 'needs-flatten'],
    ['conv after flatten', spec([{ type: 'flatten' }, { type: 'conv2d', filters: 2, kernelSize: 3 }, ...head]), 'needs-image-input'],
    ['pool after dense', spec([{ type: 'flatten' }, { type: 'dense', units: 8 }, { type: 'maxPool', poolSize: 2 }, { type: 'dense', units: 10 }]), 'needs-image-input'],
    ['zero filters', spec([{ type: 'conv2d', filters: 0, kernelSize: 3 }, ...head]), 'bad-size'],
    ['fractional units', spec([{ type: 'flatten' }, { type: 'dense', units: 2.5 }, { type: 'dense', units: 10 }]), 'bad-size'],
    ['negative stride', spec([{ type: 'maxPool', poolSize: 2, strides: -1 }, ...head]), 'bad-size'],
    ['dropout rate 1', spec([{ type: 'dropout', rate: 1 }, ...head]), 'bad-rate'],
    ['dropout rate −0.1', spec([{ type: 'dropout', rate: -0.1 }, ...head]), 'bad-rate'],
    ['softmax not last', spec([{ type: 'flatten' }, { type: 'dense', units: 32, activation: 'softmax' }, { type: 'dense', units: 10 }]), 'softmax-not-last'],
    ['last layer not dense-10', spec([{ type: 'flatten' }, { type: 'dense', units: 5, activation: 'softmax' }]), 'bad-output-layer'],
    ['ends in flatten', spec([{ type: 'flatten' }]), 'bad-output-layer'],
    ['stride and dilation', spec([{ type: 'conv2d', filters: 2, kernelSize: 3, strides: 2, dilation: 2 }, ...head]), 'stride-and-dilation'],
    ['too many params', spec([{ type: 'flatten' }, { type: 'dense', units: 8000 }, { type: 'dense', units: 10 }]), 'too-many-params'],
    ['no layers', spec([]), 'empty-model'],
    ['bad input', spec(head, [0, 28, 1]), 'bad-input-shape'],
    ['unknown layer', spec([{ type: 'lstm' } as unknown as LayerSpec, ...head]), 'unknown-layer'],
    ['unknown activation', spec([{ type: 'activation', activation: 'swish' } as unknown as LayerSpec, ...head]), 'bad-activation'],
  ])('reports %s', (_name, s, code) => {
    const a = analyzeSpec(s);
    expect(a.ok).toBe(false);
    expect(a.errors.map((e) => e.code)).toContain(code);
    const e = a.errors.find((x) => x.code === code)!;
    expect(e.message.en.length).toBeGreaterThan(10);
    expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the layer index and type in messages and fields', () => {
    const a = analyzeSpec(spec([{ type: 'conv2d', filters: 2, kernelSize: 3 }, { type: 'maxPool', poolSize: 40 }, ...head]));
    const e = a.errors[0];
    expect(e).toMatchObject({ code: 'pool-too-large', layer: 1, layerType: 'maxPool', params: { pool: 40, height: 26, width: 26 } });
    expect(e.message.en).toMatch(/^Layer 2 \(maxPool\)/);
    expect(e.message.zh).toMatch(/^第 2 层（maxPool）/);
    // Later layers lose their shape instead of reporting knock-on errors.
    expect(a.layers[2].outputShape).toBeNull();
    expect(a.errors).toHaveLength(1);
  });

  it('accepts dense(10) followed by a softmax activation layer, and honours options', () => {
    expect(codes(spec([{ type: 'flatten' }, { type: 'dense', units: 10 }, { type: 'activation', activation: 'softmax' }]))).toEqual([]);
    const small = spec([{ type: 'flatten' }, { type: 'dense', units: 3 }]);
    expect(analyzeSpec(small, { mnistHead: false }).ok).toBe(true);
    expect(analyzeSpec(SEED_CNN, { maxParams: 1000 }).errors.map((e) => e.code)).toEqual(['too-many-params']);
  });
});

describe('analyzeSpec agrees with tfjs', () => {
  const specs: [string, ModelSpec][] = [
    ['seed CNN', SEED_CNN],
    ['MLP', MLP],
    ['deep CNN', DEEP_CNN],
    [
      'strided, dilated, same, avgPool, leakyRelu',
      spec([
        { type: 'conv2d', filters: 4, kernelSize: 5, strides: 2, padding: 'same', activation: 'leakyRelu' },
        { type: 'conv2d', filters: 6, kernelSize: 3, dilation: 2, activation: 'tanh' },
        { type: 'batchNorm' },
        { type: 'avgPool', poolSize: 3, strides: 2, padding: 'same' },
        { type: 'maxPool', poolSize: 2, strides: 1 },
        { type: 'flatten' },
        { type: 'batchNorm' },
        { type: 'dropout', rate: 0.3 },
        { type: 'dense', units: 10 },
        { type: 'activation', activation: 'softmax' },
      ]),
    ],
    ['non-square input', spec([{ type: 'conv2d', filters: 3, kernelSize: 3 }, { type: 'maxPool', poolSize: 2 }, ...head], [20, 12, 3])],
  ];
  it.each(specs)('%s: params and shapes equal the built model', (_name, s) => {
    const a = analyzeSpec(s);
    expect(a.errors).toEqual([]);
    const model = buildModel(s, { seed: 1 });
    try {
      expect(a.totalParams).toBe(model.countParams());
      const trainable = model.trainableWeights.reduce((n, w) => n + (w.shape as number[]).reduce((x, y) => x * y, 1), 0);
      expect(a.trainableParams).toBe(trainable);
      s.layers.forEach((_l, i) => {
        const layer = model.getLayer(`${s.layers[i].type}_${i}`);
        // Layers with a leakyRelu activation are followed by their LeakyReLU; same shape.
        expect((layer.outputShape as number[]).slice(1)).toEqual(a.layers[i].outputShape);
      });
    } finally {
      model.dispose();
    }
  });

  it('presets are valid', () => {
    for (const p of PRESETS) expect(analyzeSpec(p.spec).errors).toEqual([]);
    expect(analyzeSpec(MLP).totalParams).toBe(101_770);
  });
});

describe('messages name fields as the layer editor shows them', () => {
  it('says "kernel size" / "核大小", never kernelSize or poolSize', () => {
    const a = analyzeSpec({ inputShape: [28, 28, 1], layers: [{ type: 'conv2d', filters: 4, kernelSize: 0 }, { type: 'maxPool', poolSize: -1 }, { type: 'flatten' }, { type: 'dense', units: 10 }] });
    const en = a.errors.map((e) => e.message.en).join(' ');
    const zh = a.errors.map((e) => e.message.zh).join(' ');
    expect(en).toContain('The kernel size must be a positive whole number');
    expect(zh).toContain('核大小必须是正整数');
    expect(`${en} ${zh}`).not.toMatch(/kernelSize|poolSize/);
  });
});
