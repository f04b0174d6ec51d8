/**
 * Static analysis of a ModelSpec without tfjs: each layer's output shape and parameter
 * count, plus every problem found, with a machine code and messages in English and Chinese.
 * Panels run it on every edit (it is cheap); the worker runs it before building a model.
 */
import type { Activation, LayerSpec, LayerType, ModelSpec } from './spec';

export type SpecErrorCode =
  | 'empty-model'
  | 'bad-input-shape'
  | 'unknown-layer'
  | 'bad-size'
  | 'bad-rate'
  | 'bad-activation'
  | 'stride-and-dilation'
  | 'kernel-too-large'
  | 'pool-too-large'
  | 'needs-image-input'
  | 'needs-flatten'
  | 'softmax-not-last'
  | 'bad-output-layer'
  | 'too-many-params';

export interface SpecIssue {
  code: SpecErrorCode;
  /** 0-based index of the offending layer; null for whole-model problems. */
  layer: number | null;
  layerType?: LayerType;
  /** The numbers behind the message (for custom wording or highlighting). */
  params: Record<string, number | string>;
  message: { en: string; zh: string };
}

export interface LayerInfo {
  index: number;
  type: LayerType;
  /** Output shape without the batch axis: [h, w, c] or [n]; null when it cannot be computed. */
  outputShape: number[] | null;
  /** All weights (batch-norm's moving statistics included), as tf's countParams counts. */
  params: number;
  trainableParams: number;
}

export interface SpecAnalysis {
  ok: boolean;
  layers: LayerInfo[];
  totalParams: number;
  trainableParams: number;
  outputShape: number[] | null;
  errors: SpecIssue[];
}

export interface AnalyzeOptions {
  /** Above this many parameters the spec is refused (browser memory and speed). Default 5,000,000. */
  maxParams?: number;
  /** Require a 10-unit dense output layer, as MNIST training needs. Default true. */
  mnistHead?: boolean;
}

const ACTIVATIONS: readonly Activation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'leakyRelu'];
const LAYER_TYPES: readonly LayerType[] = ['conv2d', 'maxPool', 'avgPool', 'dense', 'dropout', 'batchNorm', 'activation', 'flatten'];
export const MAX_PARAMS = 5_000_000;

type P = Record<string, number | string>;

/** Layer fields as the layer editor labels them (messages name what the reader sees, not `kernelSize`). */
const FIELD_WORDS: Record<string, { en: string; zh: string }> = {
  filters: { en: 'The number of filters', zh: '卷积核数' },
  kernelSize: { en: 'The kernel size', zh: '核大小' },
  strides: { en: 'The stride', zh: '步幅' },
  dilation: { en: 'The dilation', zh: '膨胀率' },
  poolSize: { en: 'The pooling window', zh: '池化窗口' },
  units: { en: 'The number of units', zh: '单元数' },
};
const field = (f: unknown) => FIELD_WORDS[String(f)] ?? { en: String(f), zh: String(f) };

/** English and Chinese wording for each code (the layer prefix is added separately). */
const TEXT: Record<SpecErrorCode, (p: P) => { en: string; zh: string }> = {
  'empty-model': () => ({ en: 'The model has no layers.', zh: '模型没有任何层。' }),
  'bad-input-shape': (p) => ({
    en: `The input shape [${p.shape}] must be three positive integers [height, width, channels].`,
    zh: `输入形状 [${p.shape}] 必须是三个正整数 [高, 宽, 通道]。`,
  }),
  'unknown-layer': (p) => ({ en: `unknown layer type "${p.type}".`, zh: `未知的层类型“${p.type}”。` }),
  'bad-size': (p) => ({
    en: `${field(p.field).en} must be a positive whole number, got ${p.value}.`,
    zh: `${field(p.field).zh}必须是正整数，当前为 ${p.value}。`,
  }),
  'bad-rate': (p) => ({
    en: `the dropout rate must be at least 0 and below 1, got ${p.rate}.`,
    zh: `丢弃率必须 ≥ 0 且 < 1，当前为 ${p.rate}。`,
  }),
  'bad-activation': (p) => ({ en: `unknown activation "${p.activation}".`, zh: `未知的激活函数“${p.activation}”。` }),
  'stride-and-dilation': (p) => ({
    en: `strides (${p.strides}) and dilation (${p.dilation}) cannot both be above 1.`,
    zh: `步长（${p.strides}）和膨胀率（${p.dilation}）不能同时大于 1。`,
  }),
  'kernel-too-large': (p) => ({
    en: `the ${p.effective}×${p.effective} kernel is larger than its ${p.height}×${p.width} input ('valid' padding). Use a smaller kernel or 'same' padding.`,
    zh: `${p.effective}×${p.effective} 的卷积核大于 ${p.height}×${p.width} 的输入（'valid' 填充）。请用更小的卷积核或 'same' 填充。`,
  }),
  'pool-too-large': (p) => ({
    en: `the ${p.pool}×${p.pool} pooling window is larger than its ${p.height}×${p.width} input.`,
    zh: `${p.pool}×${p.pool} 的池化窗口大于 ${p.height}×${p.width} 的输入。`,
  }),
  'needs-image-input': (p) => ({
    en: `needs an image-shaped (height × width × channels) input, but gets a flat vector of ${p.size}. Convolution and pooling must come before flatten/dense.`,
    zh: `需要图像形状（高 × 宽 × 通道）的输入，但得到的是长度 ${p.size} 的向量。卷积和池化必须放在 flatten/dense 之前。`,
  }),
  'needs-flatten': (p) => ({
    en: `gets a ${p.shape} feature map; add a flatten layer before it.`,
    zh: `输入是 ${p.shape} 的特征图，请在它之前加一个 flatten 层。`,
  }),
  'softmax-not-last': () => ({
    en: 'softmax belongs only on the last layer (it turns scores into class probabilities).',
    zh: 'softmax 只能用在最后一层（它把分数变成各类别的概率）。',
  }),
  'bad-output-layer': (p) => ({
    en: `the last layer must be a dense layer with ${p.expected} units (one per digit); it is ${p.got}.`,
    zh: `最后一层必须是 ${p.expected} 个单元的全连接层（每个数字一个）；当前是 ${p.got}。`,
  }),
  'too-many-params': (p) => ({
    en: `the model has ${Number(p.params).toLocaleString('en')} parameters, more than the ${Number(p.max).toLocaleString('en')} a browser can train comfortably.`,
    zh: `模型有 ${Number(p.params).toLocaleString('en')} 个参数，超过了浏览器可以顺畅训练的 ${Number(p.max).toLocaleString('en')} 个。`,
  }),
};

function issue(code: SpecErrorCode, layer: number | null, type: LayerType | undefined, params: P): SpecIssue {
  const t = TEXT[code](params);
  const message =
    layer === null
      ? t
      : { en: `Layer ${layer + 1} (${type}): ${t.en}`, zh: `第 ${layer + 1} 层（${type}）：${t.zh}` };
  return { code, layer, ...(type ? { layerType: type } : {}), params, message };
}

const isPosInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * Output length along one axis, as tfjs computes it:
 * 'valid': ceil((in − effectiveKernel + 1) / stride); 'same': ceil(in / stride).
 */
export function convOutLength(input: number, kernel: number, stride: number, padding: 'valid' | 'same', dilation = 1) {
  const eff = (kernel - 1) * dilation + 1;
  return padding === 'same' ? Math.ceil(input / stride) : Math.ceil((input - eff + 1) / stride);
}

/**
 * Analyzes a spec. Input images are [h, w, c] (batch axis omitted throughout).
 * Conv params: k·k·cin·filters + filters; dense: in·units + units; batchNorm: 4 per channel
 * (γ, β trainable; moving mean and variance not).
 */
export function analyzeSpec(spec: ModelSpec, opts: AnalyzeOptions = {}): SpecAnalysis {
  const errors: SpecIssue[] = [];
  const layers: LayerInfo[] = [];
  const maxParams = opts.maxParams ?? MAX_PARAMS;
  const input = spec?.inputShape;
  let shape: number[] | null = input;
  if (!Array.isArray(input) || input.length !== 3 || !input.every(isPosInt)) {
    errors.push(issue('bad-input-shape', null, undefined, { shape: String(input) }));
    shape = null;
  }
  const specLayers: LayerSpec[] = Array.isArray(spec?.layers) ? spec.layers : [];
  if (specLayers.length === 0) errors.push(issue('empty-model', null, undefined, {}));

  specLayers.forEach((layer, i) => {
    const type = layer?.type;
    const err = (code: SpecErrorCode, params: P = {}) => errors.push(issue(code, i, type, params));
    const before = errors.length;
    let params = 0;
    let trainable = 0;
    const sizes = (fields: Record<string, unknown>) => {
      for (const [field, value] of Object.entries(fields)) {
        if (value !== undefined && !isPosInt(value)) err('bad-size', { field, value: String(value) });
      }
    };
    const activation = (a: unknown, last: boolean) => {
      if (a === undefined) return;
      if (!ACTIVATIONS.includes(a as Activation)) err('bad-activation', { activation: String(a) });
      else if (a === 'softmax' && !last) err('softmax-not-last');
    };
    const isLast = i === specLayers.length - 1;
    if (!LAYER_TYPES.includes(type)) {
      err('unknown-layer', { type: String(type) });
      shape = null;
    }
    const image = shape && shape.length === 3 ? shape : null;
    const needImage = () => {
      if (shape && !image) err('needs-image-input', { size: shape[0] });
    };
    switch (layer?.type) {
      case 'conv2d': {
        const s = layer.strides ?? 1;
        const d = layer.dilation ?? 1;
        sizes({ filters: layer.filters, kernelSize: layer.kernelSize, strides: layer.strides, dilation: layer.dilation });
        activation(layer.activation, isLast);
        if (isPosInt(s) && isPosInt(d) && s > 1 && d > 1) err('stride-and-dilation', { strides: s, dilation: d });
        needImage();
        if (errors.length > before || !image) break;
        const [h, w, c] = image;
        const eff = (layer.kernelSize - 1) * d + 1;
        const pad = layer.padding ?? 'valid';
        if (pad === 'valid' && (eff > h || eff > w)) {
          err('kernel-too-large', { kernel: layer.kernelSize, effective: eff, height: h, width: w });
          break;
        }
        shape = [convOutLength(h, layer.kernelSize, s, pad, d), convOutLength(w, layer.kernelSize, s, pad, d), layer.filters];
        trainable = params = layer.kernelSize * layer.kernelSize * c * layer.filters + layer.filters;
        break;
      }
      case 'maxPool':
      case 'avgPool': {
        sizes({ poolSize: layer.poolSize, strides: layer.strides });
        needImage();
        if (errors.length > before || !image) break;
        const [h, w, c] = image;
        const pad = layer.padding ?? 'valid';
        if (pad === 'valid' && (layer.poolSize > h || layer.poolSize > w)) {
          err('pool-too-large', { pool: layer.poolSize, height: h, width: w });
          break;
        }
        const s = layer.strides ?? layer.poolSize;
        shape = [convOutLength(h, layer.poolSize, s, pad), convOutLength(w, layer.poolSize, s, pad), c];
        break;
      }
      case 'dense':
        sizes({ units: layer.units });
        activation(layer.activation, isLast);
        if (shape && shape.length !== 1) err('needs-flatten', { shape: shape.join('×') });
        if (errors.length > before || !shape) break;
        trainable = params = shape[0] * layer.units + layer.units;
        shape = [layer.units];
        break;
      case 'dropout':
        if (!(typeof layer.rate === 'number' && layer.rate >= 0 && layer.rate < 1)) err('bad-rate', { rate: String(layer.rate) });
        break;
      case 'batchNorm':
        if (!shape) break;
        params = 4 * shape[shape.length - 1];
        trainable = params / 2;
        break;
      case 'activation':
        if (layer.activation === undefined) err('bad-activation', { activation: 'undefined' });
        activation(layer.activation, isLast);
        break;
      case 'flatten':
        if (shape) shape = [shape.reduce((a, b) => a * b, 1)];
        break;
    }
    // Shape-breaking problems stop propagation; later layers still get their local checks.
    const broken = errors.slice(before).some((e) => e.code !== 'softmax-not-last' && e.code !== 'bad-activation');
    if (broken) shape = null;
    layers.push({ index: i, type, outputShape: shape ? shape.slice() : null, params, trainableParams: trainable });
  });

  if (opts.mnistHead ?? true) checkHead(specLayers, errors);
  const totalParams = layers.reduce((a, l) => a + l.params, 0);
  const trainableParams = layers.reduce((a, l) => a + l.trainableParams, 0);
  if (totalParams > maxParams) errors.push(issue('too-many-params', null, undefined, { params: totalParams, max: maxParams }));
  const outputShape = layers.length ? layers[layers.length - 1].outputShape : null;
  return { ok: errors.length === 0, layers, totalParams, trainableParams, outputShape, errors };
}

/** MNIST has 10 classes: the net must end in dense(10), optionally followed by an activation layer. */
function checkHead(layers: LayerSpec[], errors: SpecIssue[]) {
  const n = layers.length;
  if (n === 0) return;
  const last = layers[n - 1];
  const prev = layers[n - 2];
  const ok =
    (last?.type === 'dense' && last.units === 10) ||
    (last?.type === 'activation' && prev?.type === 'dense' && prev.units === 10);
  if (!ok) {
    const got = last?.type === 'dense' ? `dense(${last.units})` : String(last?.type);
    errors.push(issue('bad-output-layer', n - 1, last?.type, { expected: 10, got }));
  }
}

/** The first error's message in a language, or null when the spec is valid. */
export function firstError(a: SpecAnalysis, lang: 'en' | 'zh' = 'en'): string | null {
  return a.errors.length ? a.errors[0].message[lang] : null;
}
