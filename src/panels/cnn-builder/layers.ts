/** Plain helpers for the CNN builder: new-layer defaults and the parameter-count formulas it shows. */
import type { LayerSpec, LayerType } from '../../ml/model/spec';

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
