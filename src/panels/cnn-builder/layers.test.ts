import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../ml/model/analyze';
import type { LayerSpec, ModelSpec } from '../../ml/model/spec';
import { ADDABLE, analyzeAll, moveItem, newLayer, paramFormula } from './layers';
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
    expect(analyzeSpec(BUILDER_PRESETS.mlp).totalParams).toBe(784 * 128 + 128 + 128 * 10 + 10);
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

describe('analyzeAll: every problem at once', () => {
  it('matches analyzeSpec on a valid model', () => {
    const a = analyzeAll(BUILDER_PRESETS.seed);
    expect(a.ok).toBe(true);
    expect(a.totalParams).toBe(121_930);
    expect(a.views.map((v) => v.info.outputShape)).toEqual(analyzeSpec(BUILDER_PRESETS.seed).layers.map((l) => l.outputShape));
    expect(a.views.every((v) => !v.assumed && v.issues.length === 0)).toBe(true);
  });

  it('reports a too-large kernel and a dense-before-flatten in one pass, numbered by real position', () => {
    const spec: ModelSpec = {
      inputShape: [28, 28, 1],
      layers: [
        { type: 'conv2d', filters: 8, kernelSize: 30, activation: 'relu' },
        { type: 'dense', units: 64, activation: 'relu' },
        { type: 'maxPool', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    };
    expect(analyzeSpec(spec).errors.map((e) => e.code)).toEqual(['kernel-too-large']); // what analyzeSpec alone sees
    const a = analyzeAll(spec);
    expect(a.ok).toBe(false);
    expect(a.broken).toEqual([0, 1]);
    expect(a.views[0].issues.map((e) => e.code)).toEqual(['kernel-too-large']);
    expect(a.views[1].issues.map((e) => e.code)).toEqual(['needs-flatten']);
    expect(a.views[1].issues[0].message.en).toMatch(/^Layer 2 \(dense\)/);
    expect(a.views[1].issues[0].message.zh).toMatch(/^第 2 层/);
    // Later layers are computed as if layers 1–2 were removed.
    expect(a.views[2]).toMatchObject({ assumed: true, info: { outputShape: [14, 14, 1] } });
    expect(a.views[4].info.outputShape).toEqual([10]);
    expect(a.totalParams).toBe(196 * 10 + 10);
  });

  it('keeps the output-layer check and per-field errors', () => {
    const a = analyzeAll({ inputShape: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'dense', units: Number.NaN }, { type: 'dense', units: 5 }] });
    expect(a.views[1].issues.map((e) => e.code)).toEqual(['bad-size']);
    expect(a.views[2].issues.map((e) => e.code)).toEqual(['bad-output-layer']);
    expect(a.views[2].info.outputShape).toEqual([5]);
  });

  it('handles an empty model and a model where every layer is broken', () => {
    expect(analyzeAll({ inputShape: [28, 28, 1], layers: [] }).global.map((e) => e.code)).toContain('empty-model');
    const a = analyzeAll({ inputShape: [28, 28, 1], layers: [{ type: 'dense', units: 10 }] });
    expect(a.broken).toEqual([0]);
    expect(a.views[0].issues.map((e) => e.code)).toEqual(['needs-flatten']);
  });
});
