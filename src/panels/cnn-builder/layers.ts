/** Plain helpers for the CNN builder: new-layer defaults and the parameter-count formulas it shows. */
import { analyzeSpec, type LayerInfo, type SpecAnalysis, type SpecIssue } from '../../ml/model/analyze';
import type { LayerSpec, LayerType, ModelSpec } from '../../ml/model/spec';

export const ADDABLE: LayerType[] = ['conv2d', 'maxPool', 'avgPool', 'flatten', 'dense', 'dropout', 'batchNorm', 'activation'];

/** A sensible layer of each type to insert. */
export function newLayer(type: LayerType): LayerSpec {
  switch (type) {
    case 'conv2d':
      return { type, filters: 16, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' };
    case 'maxPool':
    case 'avgPool':
      return { type, poolSize: 2 };
    case 'dense':
      return { type, units: 64, activation: 'relu' };
    case 'dropout':
      return { type, rate: 0.25 };
    case 'activation':
      return { type, activation: 'relu' };
    case 'batchNorm':
    case 'flatten':
      return { type };
  }
}

/**
 * How a layer's parameter count is computed, with its numbers: `k·k·C_in·C_out + C_out` for a
 * convolution, `n_in·n_out + n_out` for dense, `4·C` for batch norm (γ, β, moving mean and
 * variance). Empty when the layer has no weights or its input is unknown.
 */
export function paramFormula(layer: LayerSpec, inShape: number[] | null): string {
  if (!inShape) return '';
  if (layer.type === 'conv2d' && inShape.length === 3) {
    return `${layer.kernelSize}·${layer.kernelSize}·${inShape[2]}·${layer.filters} + ${layer.filters}`;
  }
  if (layer.type === 'dense' && inShape.length === 1) return `${inShape[0]}·${layer.units} + ${layer.units}`;
  if (layer.type === 'batchNorm') return `4·${inShape[inShape.length - 1]}`;
  return '';
}

export const fmtInt = (n: number) => n.toLocaleString('en-US');

export const shapeText = (s: number[] | null) => (s ? s.join('×') : '?');

/** Moves item `from` to `to` (both in range), returning a new array. */
export function moveItem<T>(items: T[], from: number, to: number): T[] {
  const out = items.slice();
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x);
  return out;
}

export interface LayerView {
  /** Output shape and parameters; outputShape is null for a broken layer. */
  info: LayerInfo;
  /** Problems with this layer, numbered by its real position. */
  issues: SpecIssue[];
  /** True when an earlier layer is broken and this one was computed as if that layer were removed. */
  assumed: boolean;
}

export interface BuilderAnalysis {
  ok: boolean;
  views: LayerView[];
  /** Whole-model problems (empty model, too many parameters). */
  global: SpecIssue[];
  totalParams: number;
  trainableParams: number;
  outputShape: number[] | null;
  /** Indices of layers whose output shape could not be computed. */
  broken: number[];
}

/** Renumbers "Layer 3 (…)" / "第 3 层（…）" to a layer's real position. */
function renumber(e: SpecIssue, index: number): SpecIssue {
  return {
    ...e,
    layer: index,
    message: { en: e.message.en.replace(/^Layer \d+/, `Layer ${index + 1}`), zh: e.message.zh.replace(/^第 \d+ 层/, `第 ${index + 1} 层`) },
  };
}

/**
 * analyzeSpec stops computing shapes at the first broken layer. The builder wants every problem
 * at once, so it re-analyses with each broken layer left out (one at a time) and maps results
 * back: later layers get shapes "as if the broken layer were removed" and their own errors.
 */
export function analyzeAll(spec: ModelSpec): BuilderAnalysis {
  const n = spec.layers.length;
  const skipped = new Set<number>();
  const issues = new Map<number, SpecIssue[]>();
  const brokenInfo = new Map<number, LayerInfo>();
  const addIssue = (e: SpecIssue, i: number) => {
    const list = issues.get(i) ?? [];
    const r = renumber(e, i);
    if (!list.some((x) => x.message.en === r.message.en)) issues.set(i, [...list, r]);
  };
  let a: SpecAnalysis;
  let kept: number[];
  for (let round = 0; ; round++) {
    kept = [...Array(n).keys()].filter((i) => !skipped.has(i));
    a = analyzeSpec({ ...spec, layers: kept.map((i) => spec.layers[i]) });
    const firstNull = a.layers.findIndex((l) => l.outputShape === null);
    for (const e of a.errors) {
      // Once a layer is left out, "the last layer must be dense(10)" may be about a stand-in: trust it only unedited.
      if (e.layer !== null && (round === 0 || e.code !== 'bad-output-layer')) addIssue(e, kept[e.layer]);
    }
    if (firstNull < 0 || skipped.size >= n) break;
    const orig = kept[firstNull];
    brokenInfo.set(orig, { ...a.layers[firstNull], index: orig });
    skipped.add(orig);
    if (skipped.size === n) {
      a = analyzeSpec({ ...spec, layers: [] });
      kept = [];
      break;
    }
  }
  const views: LayerView[] = spec.layers.map((l, i) => {
    const k = kept.indexOf(i);
    const info = k >= 0 ? { ...a.layers[k], index: i } : (brokenInfo.get(i) ?? { index: i, type: l.type, outputShape: null, params: 0, trainableParams: 0 });
    const assumed = [...skipped].some((s) => s < i) && k >= 0;
    return { info, issues: issues.get(i) ?? [], assumed };
  });
  const global = n === 0 ? analyzeSpec(spec).errors : kept.length === 0 ? [] : a.errors.filter((e) => e.layer === null);
  const ok = skipped.size === 0 && issues.size === 0 && global.length === 0;
  return { ok, views, global, totalParams: a.totalParams, trainableParams: a.trainableParams, outputShape: a.outputShape, broken: [...skipped].sort((x, y) => x - y) };
}
