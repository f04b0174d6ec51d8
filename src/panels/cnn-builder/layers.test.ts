import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../ml/model/analyze';
import type { LayerSpec, ModelSpec } from '../../ml/model/spec';
import { ADDABLE, moveItem, newLayer, paramFormula } from './layers';
import { BUILDER_PRESETS } from './presets';

/** Evaluates "a·b·c + d" / "4·c". */
function evalFormula(f: string): number {
  return f.split('+').reduce((acc, term) => acc + term.split('·').reduce((p, x) => p * Number(x), 1), 0);
}

function inputShapes(spec: ModelSpec) {
  const a = analyzeSpec(spec);
  return { a, ins: a.layers.map((_, i) => (i === 0 ? spec.inputShape : a.layers[i - 1].outputShape)) };
}

describe('paramFormula', () => {
  it('writes the seed CNN formulas exactly as the chapter table does', () => {
    const { ins } = inputShapes(BUILDER_PRESETS.seed);
    expect(BUILDER_PRESETS.seed.layers.map((l, i) => paramFormula(l, ins[i]))).toEqual([
      '3·3·1·32 + 32',
      '',
      '3·3·32·64 + 64',
      '',
      '',
      '1600·64 + 64',
      '64·10 + 10',
    ]);
  });

  it('evaluates to analyzeSpec’s parameter count for every layer of every preset', () => {
    for (const spec of Object.values(BUILDER_PRESETS) as ModelSpec[]) {
      const { a, ins } = inputShapes(spec);
      expect(a.ok).toBe(true);
      spec.layers.forEach((l, i) => {
        const f = paramFormula(l, ins[i]);
        expect(f === '' ? 0 : evalFormula(f)).toBe(a.layers[i].params);
      });
    }
  });

  it('is empty when the input shape is unknown', () => {
    expect(paramFormula({ type: 'dense', units: 3 }, null)).toBe('');
  });
});

describe('presets', () => {
  it('have the documented totals', () => {
    expect(analyzeSpec(BUILDER_PRESETS.seed).totalParams).toBe(121_930);
    expect(analyzeSpec(BUILDER_PRESETS.mlp).totalParams).toBe(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
    const deep = analyzeSpec(BUILDER_PRESETS.deep);
    expect(deep.layers[10].outputShape).toEqual([3136]);
    expect(deep.totalParams).toBe(320 + 128 + 9248 + 18_496 + 256 + 36_928 + 3136 * 128 + 128 + 1290);
  });
});

describe('newLayer and moveItem', () => {
  it('makes a valid layer of each addable type (the seed net with it inserted before flatten still analyses)', () => {
    for (const type of ADDABLE) {
      const layer = newLayer(type);
      expect(layer.type).toBe(type);
      if (type === 'flatten' || type === 'dense') continue;
      const layers: LayerSpec[] = [...BUILDER_PRESETS.seed.layers];
      layers.splice(2, 0, layer);
      const a = analyzeSpec({ inputShape: [28, 28, 1], layers });
      expect(a.errors, `${type}: ${a.errors.map((e) => e.message.en).join('; ')}`).toEqual([]);
    }
  });

  it('moves an item up and down', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });
});
