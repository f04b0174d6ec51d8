import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../ml/model/analyze';
import { SEED_CNN, type LayerSpec } from '../../ml/model/spec';
import { decodeLayers, encodeLayers } from './specCode';

describe('layer text codec', () => {
  it('encodes the seed CNN compactly and decodes it back to an equivalent spec (121,930 params)', () => {
    const code = encodeLayers(SEED_CNN.layers);
    expect(code).toBe('conv:32:3:1:valid:relu,maxpool:2,conv:64:3:1:valid:relu,maxpool:2,flatten,dense:64:relu,dense:10:softmax');
    const back = decodeLayers(code);
    if (!('layers' in back)) throw new Error('decode failed');
    const a = analyzeSpec({ inputShape: [28, 28, 1], layers: back.layers });
    expect(a.ok).toBe(true);
    expect(a.totalParams).toBe(121_930);
    expect(encodeLayers(back.layers)).toBe(code);
  });

  it('round-trips every layer kind, including non-default pool strides, padding and dilation', () => {
    const layers: LayerSpec[] = [
      { type: 'conv2d', filters: 8, kernelSize: 5, strides: 2, padding: 'same', activation: 'tanh' },
      { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'linear', dilation: 2 },
      { type: 'batchNorm' },
      { type: 'activation', activation: 'leakyRelu' },
      { type: 'avgPool', poolSize: 3, strides: 1, padding: 'same' },
      { type: 'maxPool', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'dropout', rate: 0.25 },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ];
    const code = encodeLayers(layers);
    expect(code).toContain('avgpool:3:1:same');
    expect(code).toContain('conv:4:3:1:valid:linear:2');
    expect(decodeLayers(code)).toEqual({ layers });
  });

  it('fills defaults for short forms', () => {
    expect(decodeLayers('conv:16:3, maxpool:2 ,flatten,dense:10')).toEqual({
      layers: [
        { type: 'conv2d', filters: 16, kernelSize: 3, strides: 1, padding: 'valid', activation: 'linear' },
        { type: 'maxPool', poolSize: 2, strides: 2, padding: 'valid' },
        { type: 'flatten' },
        { type: 'dense', units: 10, activation: 'linear' },
      ],
    });
  });

  it('reports the first bad token with its position, in both languages', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['conv:abc:3', /item 1 "conv:abc:3": filters is not a number/],
      ['flatten,dense', /item 2 "dense": units is missing/],
      ['dense:10:swish', /unknown activation "swish"/],
      ['conv:8:3:1:full', /padding must be valid or same/],
      ['pool:2', /unknown layer "pool"/],
      ['bn:3', /too many fields/],
      ['act', /activation is missing/],
    ];
    for (const [text, en] of cases) {
      const r = decodeLayers(text);
      if (!('error' in r)) throw new Error(`expected an error for "${text}"`);
      expect(r.error.en).toMatch(en);
      expect(r.error.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
