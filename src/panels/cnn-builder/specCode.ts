/**
 * A compact text form of a layer list for share URLs and Markdown directives, e.g.
 * `conv:32:3:1:valid:relu,maxpool:2,flatten,dense:10:softmax`. Decoding checks the syntax only;
 * whether the architecture makes sense is analyzeSpec's job (so its errors land on the layer).
 */
import type { Activation, LayerSpec, Padding } from '../../ml/model/spec';

const ACTS: readonly Activation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'leakyRelu'];

export interface CodeError {
  zh: string;
  en: string;
}

/** One layer as a token: fields after the name are positional, trailing defaults may be omitted when decoding. */
export function encodeLayer(l: LayerSpec): string {
  switch (l.type) {
    case 'conv2d': {
      const base = `conv:${l.filters}:${l.kernelSize}:${l.strides ?? 1}:${l.padding ?? 'valid'}:${l.activation ?? 'linear'}`;
      return l.dilation && l.dilation !== 1 ? `${base}:${l.dilation}` : base;
    }
    case 'maxPool':
    case 'avgPool': {
      const name = l.type === 'maxPool' ? 'maxpool' : 'avgpool';
      const s = l.strides ?? l.poolSize;
      const pad = l.padding ?? 'valid';
      return `${name}:${l.poolSize}${s !== l.poolSize || pad !== 'valid' ? `:${s}` : ''}${pad !== 'valid' ? `:${pad}` : ''}`;
    }
    case 'dense':
      return `dense:${l.units}:${l.activation ?? 'linear'}`;
    case 'dropout':
      return `dropout:${l.rate}`;
    case 'batchNorm':
      return 'bn';
    case 'activation':
      return `act:${l.activation}`;
    case 'flatten':
      return 'flatten';
  }
}

export function encodeLayers(layers: LayerSpec[]): string {
  return layers.map(encodeLayer).join(',');
}

/**
 * Parses the text form. Returns the layers, or the first problem (1-based layer number and
 * the offending token) in both languages.
 */
export function decodeLayers(text: string): { layers: LayerSpec[] } | { error: CodeError } {
  const tokens = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (tokens.length === 0) return { error: { zh: '“layers”为空：至少需要一层', en: '"layers" is empty: at least one layer is needed' } };
  const layers: LayerSpec[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const r = decodeLayer(tokens[i]);
    if ('error' in r) {
      return { error: { zh: `“layers”第 ${i + 1} 项“${tokens[i]}”：${r.error.zh}`, en: `"layers" item ${i + 1} "${tokens[i]}": ${r.error.en}` } };
    }
    layers.push(r.layer);
  }
  return { layers };
}

function decodeLayer(token: string): { layer: LayerSpec } | { error: CodeError } {
  const [name, ...f] = token.split(':').map((s) => s.trim());
  const fail = (zh: string, en: string) => ({ error: { zh, en } });
  const num = (i: number, field: string, fallback?: number): number | CodeError => {
    if (f[i] === undefined || f[i] === '') {
      if (fallback !== undefined) return fallback;
      return { zh: `缺少 ${field}`, en: `${field} is missing` };
    }
    const v = Number(f[i]);
    return Number.isFinite(v) ? v : { zh: `${field} 不是数字（“${f[i]}”）`, en: `${field} is not a number ("${f[i]}")` };
  };
  const act = (i: number): Activation | CodeError => {
    const a = f[i] === undefined || f[i] === '' ? 'linear' : f[i];
    return ACTS.includes(a as Activation)
      ? (a as Activation)
      : { zh: `未知的激活函数“${a}”（可选 ${ACTS.join(' / ')}）`, en: `unknown activation "${a}" (one of ${ACTS.join(' / ')})` };
  };
  const pad = (i: number): Padding | CodeError => {
    const p = f[i] === undefined || f[i] === '' ? 'valid' : f[i];
    return p === 'valid' || p === 'same' ? p : { zh: `填充必须是 valid 或 same（“${p}”）`, en: `padding must be valid or same ("${p}")` };
  };
  const maxFields: Record<string, number> = { conv: 6, maxpool: 3, avgpool: 3, dense: 2, dropout: 1, bn: 0, flatten: 0, act: 1 };
  if (!(name in maxFields)) {
    return fail(
      `未知的层“${name}”（可选 conv / maxpool / avgpool / flatten / dense / dropout / bn / act）`,
      `unknown layer "${name}" (one of conv / maxpool / avgpool / flatten / dense / dropout / bn / act)`,
    );
  }
  if (f.length > maxFields[name]) return fail(`多余的字段`, `too many fields`);
  const vals: (number | string | CodeError)[] = [];
  const bad = () => vals.find((v): v is CodeError => typeof v === 'object');
  switch (name) {
    case 'conv': {
      vals.push(num(0, 'filters'), num(1, 'kernelSize'), num(2, 'strides', 1), pad(3), act(4), num(5, 'dilation', 1));
      const e = bad();
      if (e) return { error: e };
      const [filters, kernelSize, strides, padding, activation, dilation] = vals as [number, number, number, Padding, Activation, number];
      return { layer: { type: 'conv2d', filters, kernelSize, strides, padding, activation, ...(dilation !== 1 ? { dilation } : {}) } };
    }
    case 'maxpool':
    case 'avgpool': {
      const size = num(0, 'poolSize');
      vals.push(size, num(1, 'strides', typeof size === 'number' ? size : 1), pad(2));
      const e = bad();
      if (e) return { error: e };
      const [poolSize, strides, padding] = vals as [number, number, Padding];
      return { layer: { type: name === 'maxpool' ? 'maxPool' : 'avgPool', poolSize, strides, padding } };
    }
    case 'dense': {
      vals.push(num(0, 'units'), act(1));
      const e = bad();
      if (e) return { error: e };
      return { layer: { type: 'dense', units: vals[0] as number, activation: vals[1] as Activation } };
    }
    case 'dropout': {
      vals.push(num(0, 'rate'));
      const e = bad();
      if (e) return { error: e };
      return { layer: { type: 'dropout', rate: vals[0] as number } };
    }
    case 'act': {
      if (f[0] === undefined || f[0] === '') return fail('缺少激活函数', 'the activation is missing');
      const a = act(0);
      if (typeof a === 'object') return { error: a };
      return { layer: { type: 'activation', activation: a } };
    }
    case 'bn':
      return { layer: { type: 'batchNorm' } };
    default:
      return { layer: { type: 'flatten' } };
  }
}
