/**
 * Export and import of trained models as TensorFlow.js "layers-model" files: a model.json
 * (Keras-style topology + weights manifest) and a weights.bin, exactly what
 * `tf.loadLayersModel` loads. Pure JSON and ArrayBuffer work, no tfjs: the weights are the
 * bytes the worker packed (float32, little-endian), so nothing is rounded on the way.
 * Imports are validated step by step and every failure has a code and a message in English
 * and Chinese.
 */
import { analyzeSpec } from './analyze';
import type { Activation, InitName, LayerSpec, ModelSpec } from './spec';

/** Weights in the worker's packed form (structurally the protocol's SerializedWeights). */
export interface WeightsPack {
  specs: { name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' }[];
  data: ArrayBuffer;
}

export const WEIGHTS_FILE = 'weights.bin';
export const MODEL_FILE = 'model.json';

export type ModelFileErrorCode =
  | 'not-json' | 'graph-model' | 'not-layers-model' | 'not-sequential' | 'unsupported-layer' | 'bad-input' | 'bad-output'
  | 'bad-architecture' | 'no-weights' | 'missing-weights-file' | 'unsupported-weights' | 'weights-size' | 'weights-mismatch';

type P = Record<string, string | number>;
const TEXT: Record<ModelFileErrorCode, (p: P) => { en: string; zh: string }> = {
  'not-json': () => ({ en: 'The model file is not valid JSON.', zh: '模型文件不是有效的 JSON。' }),
  'graph-model': () => ({
    en: 'This is a TensorFlow.js graph model; only layers models (model.json with "modelTopology" of Keras layers) can be imported.',
    zh: '这是 TensorFlow.js 的图模型（graph model）；只能导入层模型（layers model，modelTopology 为 Keras 层的 model.json）。',
  }),
  'not-layers-model': () => ({
    en: 'This JSON is not a TensorFlow.js layers model: it has no "modelTopology".',
    zh: '这个 JSON 不是 TensorFlow.js 层模型：缺少 "modelTopology"。',
  }),
  'not-sequential': (p) => ({
    en: `Only sequential models (one layer after another) can be imported; this one is a "${p.kind}".`,
    zh: `只能导入顺序模型（层一个接一个）；这个模型是“${p.kind}”。`,
  }),
  'unsupported-layer': (p) => ({
    en: `Layer "${p.name}" of type ${p.kind} is not supported here${p.why ? ` (${p.why})` : ''}.`,
    zh: `层“${p.name}”（类型 ${p.kind}）在这里不受支持${p.why ? `（${p.why}）` : ''}。`,
  }),
  'bad-input': (p) => ({
    en: `The model's input is ${p.got}; an MNIST model takes [null, 28, 28, 1] (28×28 greyscale images).`,
    zh: `模型的输入是 ${p.got}；MNIST 模型的输入应为 [null, 28, 28, 1]（28×28 的灰度图）。`,
  }),
  'bad-output': (p) => ({
    en: `The model outputs ${p.got}; an MNIST model outputs 10 classes (one per digit).`,
    zh: `模型输出的是 ${p.got}；MNIST 模型应输出 10 个类别（每个数字一个）。`,
  }),
  'bad-architecture': (p) => ({ en: `The architecture is not valid: ${p.en}`, zh: `网络结构无效：${p.zh}` }),
  'no-weights': () => ({ en: 'model.json lists no weights ("weightsManifest" is missing).', zh: 'model.json 没有列出任何权重（缺少 "weightsManifest"）。' }),
  'missing-weights-file': (p) => ({
    en: `The weights file "${p.name}" is missing: choose model.json together with its .bin file.`,
    zh: `缺少权重文件“${p.name}”：请把 model.json 和它的 .bin 文件一起选中。`,
  }),
  'unsupported-weights': (p) => ({ en: `Weight "${p.name}" is stored as ${p.kind}, which is not supported.`, zh: `权重“${p.name}”以 ${p.kind} 形式存储，不受支持。` }),
  'weights-size': (p) => ({
    en: `The weights file holds ${p.got} bytes but model.json describes ${p.expected}: the files do not belong together.`,
    zh: `权重文件有 ${p.got} 字节，而 model.json 描述的是 ${p.expected} 字节：这两个文件不配套。`,
  }),
  'weights-mismatch': (p) => ({
    en: `The weights do not match the architecture: ${p.name} should be [${p.expected}] but is ${p.got}.`,
    zh: `权重与网络结构不匹配：${p.name} 应为 [${p.expected}]，实际为 ${p.got}。`,
  }),
};

export class ModelFileError extends Error {
  readonly text: { en: string; zh: string };
  constructor(
    readonly code: ModelFileErrorCode,
    readonly params: P = {},
  ) {
    const m = TEXT[code](params);
    super(m.en);
    this.text = m;
  }
}

const fail = (code: ModelFileErrorCode, params: P = {}): never => {
  throw new ModelFileError(code, params);
};

const layerName = (l: LayerSpec, i: number) => `${l.type}_${i}`;
const KERAS_ACTS: Activation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu'];

/**
 * The weights a spec's model has, in tfjs's order (trainable weights layer by layer, then
 * the non-trainable batch-norm moving statistics), named as buildModel names them.
 * Throws when the spec is invalid.
 */
export function expectedWeights(spec: ModelSpec, names: (i: number) => string = (i) => layerName(spec.layers[i], i)) {
  const a = analyzeSpec(spec);
  if (!a.ok) fail('bad-architecture', { en: a.errors[0].message.en, zh: a.errors[0].message.zh });
  const trainable: { name: string; shape: number[] }[] = [];
  const fixed: { name: string; shape: number[] }[] = [];
  spec.layers.forEach((l, i) => {
    const inShape = i === 0 ? spec.inputShape : a.layers[i - 1].outputShape!;
    const n = names(i);
    if (l.type === 'conv2d') {
      trainable.push({ name: `${n}/kernel`, shape: [l.kernelSize, l.kernelSize, inShape[2], l.filters] }, { name: `${n}/bias`, shape: [l.filters] });
    } else if (l.type === 'dense') {
      trainable.push({ name: `${n}/kernel`, shape: [inShape[0], l.units] }, { name: `${n}/bias`, shape: [l.units] });
    } else if (l.type === 'batchNorm') {
      const c = [inShape[inShape.length - 1]];
      trainable.push({ name: `${n}/gamma`, shape: c }, { name: `${n}/beta`, shape: c });
      fixed.push({ name: `${n}/moving_mean`, shape: c }, { name: `${n}/moving_variance`, shape: c });
    }
  });
  return [...trainable, ...fixed];
}

function initializer(init: InitName | undefined) {
  if (init === 'randomNormal') return { class_name: 'RandomNormal', config: { mean: 0, stddev: 0.05, seed: null } };
  if (init === 'heNormal') return { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'normal', seed: null } };
  return { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } };
}

/** The Keras topology of a spec's model, as tfjs writes it (dropout as the standard Dropout layer). */
export function specToTopology(spec: ModelSpec) {
  const layers: { class_name: string; config: Record<string, unknown> }[] = [];
  const zeros = { class_name: 'Zeros', config: {} };
  const noReg = { kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null };
  spec.layers.forEach((l, i) => {
    const name = layerName(l, i);
    const first = layers.length === 0 ? { batch_input_shape: [null, ...spec.inputShape], dtype: 'float32' } : {};
    const base = { name, trainable: true, ...first };
    const act = (a: Activation | undefined) => (a === 'leakyRelu' || a === undefined ? 'linear' : a);
    switch (l.type) {
      case 'conv2d': {
        const s = l.strides ?? 1;
        const d = l.dilation ?? 1;
        layers.push({
          class_name: 'Conv2D',
          config: {
            filters: l.filters, kernel_initializer: initializer(spec.init), kernel_size: [l.kernelSize, l.kernelSize], strides: [s, s],
            padding: l.padding ?? 'valid', data_format: 'channels_last', dilation_rate: [d, d], activation: act(l.activation), use_bias: true,
            bias_initializer: zeros, ...noReg, ...base,
          },
        });
        break;
      }
      case 'maxPool':
      case 'avgPool': {
        const s = l.strides ?? l.poolSize;
        layers.push({
          class_name: l.type === 'maxPool' ? 'MaxPooling2D' : 'AveragePooling2D',
          config: { pool_size: [l.poolSize, l.poolSize], padding: l.padding ?? 'valid', strides: [s, s], data_format: 'channels_last', ...base },
        });
        break;
      }
      case 'dense':
        layers.push({
          class_name: 'Dense',
          config: { units: l.units, activation: act(l.activation), use_bias: true, kernel_initializer: initializer(spec.init), bias_initializer: zeros, ...noReg, ...base },
        });
        break;
      case 'dropout':
        layers.push({ class_name: 'Dropout', config: { rate: l.rate, noise_shape: null, seed: null, ...base } });
        break;
      case 'batchNorm':
        layers.push({
          class_name: 'BatchNormalization',
          config: {
            axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, beta_initializer: zeros, gamma_initializer: { class_name: 'Ones', config: {} },
            moving_mean_initializer: zeros, moving_variance_initializer: { class_name: 'Ones', config: {} }, beta_regularizer: null, gamma_regularizer: null,
            beta_constraint: null, gamma_constraint: null, ...base,
          },
        });
        break;
      case 'activation':
        if (l.activation === 'leakyRelu') layers.push({ class_name: 'LeakyReLU', config: { alpha: 0.01, ...base } });
        else layers.push({ class_name: 'Activation', config: { activation: l.activation, ...base } });
        break;
      case 'flatten':
        layers.push({ class_name: 'Flatten', config: { ...base } });
        break;
    }
    // buildModel follows a leaky conv/dense with a LeakyReLU layer of this name.
    if ((l.type === 'conv2d' || l.type === 'dense') && l.activation === 'leakyRelu') {
      layers.push({ class_name: 'LeakyReLU', config: { alpha: 0.01, name: `${name}_leaky`, trainable: true } });
    }
  });
  return { class_name: 'Sequential', config: { name: 'nnlab_mnist', layers }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' };
}

/** model.json (as an object) and weights.bin for a spec and its packed weights. */
export function exportModel(spec: ModelSpec, weights: WeightsPack, meta: { name?: string } = {}): { modelJson: Record<string, unknown>; weightsBin: ArrayBuffer } {
  const want = expectedWeights(spec);
  if (want.length !== weights.specs.length) fail('weights-mismatch', { name: 'count', expected: want.length, got: weights.specs.length });
  want.forEach((w, i) => {
    const got = weights.specs[i].shape;
    if (got.join() !== w.shape.join()) fail('weights-mismatch', { name: w.name, expected: w.shape.join(', '), got: `[${got.join(', ')}]` });
  });
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'NN Lab',
      convertedBy: null,
      modelTopology: specToTopology(spec),
      weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: want.map((w, i) => ({ name: w.name, shape: w.shape, dtype: weights.specs[i].dtype })) }],
      userDefinedMetadata: { nnlab: { version: 1, name: meta.name ?? null, init: spec.init ?? 'glorotUniform' } },
    },
    weightsBin: weights.data.slice(0),
  };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const pair = (v: unknown, what: string, name: string, kind: string): number => {
  const a = Array.isArray(v) ? v : [v, v];
  if (a.length !== 2 || a[0] !== a[1] || !Number.isInteger(a[0])) fail('unsupported-layer', { name, kind, why: `${what} ${JSON.stringify(v)} must be square` });
  return a[0] as number;
};

function kerasActivation(v: unknown, name: string, kind: string): Activation {
  const a = v === undefined || v === null ? 'linear' : String(v);
  if (!KERAS_ACTS.includes(a as Activation)) fail('unsupported-layer', { name, kind, why: `activation ${a}` });
  return a as Activation;
}

/** Turns a Sequential topology into a spec; `names[i]` is the file's name of spec layer i. */
export function topologyToSpec(topology: unknown): { spec: ModelSpec; names: string[] } {
  const root = isObj(topology) && isObj(topology.model_config) ? topology.model_config : topology;
  if (!isObj(root)) return fail('not-layers-model');
  if (root.class_name !== 'Sequential') return fail('not-sequential', { kind: String(root.class_name) });
  const cfg = root.config;
  const list: unknown = Array.isArray(cfg) ? cfg : isObj(cfg) ? cfg.layers : undefined;
  if (!Array.isArray(list)) return fail('not-layers-model');
  const layers: LayerSpec[] = [];
  const names: string[] = [];
  let input: unknown = undefined;
  list.forEach((entry: unknown, j) => {
    const kind = isObj(entry) ? String(entry.class_name) : '?';
    const c = isObj(entry) && isObj(entry.config) ? entry.config : {};
    const name = typeof c.name === 'string' ? c.name : `layer ${j + 1}`;
    input ??= c.batch_input_shape ?? c.batch_shape;
    const push = (l: LayerSpec) => (layers.push(l), names.push(name));
    const str = (k: string, def: string) => (typeof c[k] === 'string' ? (c[k] as string) : def);
    if (c.data_format !== undefined && c.data_format !== 'channels_last') fail('unsupported-layer', { name, kind, why: 'channels_first' });
    switch (kind) {
      case 'InputLayer':
        return;
      case 'Conv2D': {
        if (c.use_bias === false) fail('unsupported-layer', { name, kind, why: 'no bias' });
        const padding = str('padding', 'valid');
        if (padding !== 'valid' && padding !== 'same') fail('unsupported-layer', { name, kind, why: `padding ${padding}` });
        return push({
          type: 'conv2d', filters: Number(c.filters), kernelSize: pair(c.kernel_size, 'kernel_size', name, kind), strides: pair(c.strides ?? 1, 'strides', name, kind),
          padding: padding as 'valid', dilation: pair(c.dilation_rate ?? 1, 'dilation_rate', name, kind), activation: kerasActivation(c.activation, name, kind),
        });
      }
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        const poolSize = pair(c.pool_size ?? 2, 'pool_size', name, kind);
        const padding = str('padding', 'valid');
        if (padding !== 'valid' && padding !== 'same') fail('unsupported-layer', { name, kind, why: `padding ${padding}` });
        return push({ type: kind === 'MaxPooling2D' ? 'maxPool' : 'avgPool', poolSize, strides: c.strides == null ? poolSize : pair(c.strides, 'strides', name, kind), padding: padding as 'valid' });
      }
      case 'Dense':
        if (c.use_bias === false) fail('unsupported-layer', { name, kind, why: 'no bias' });
        return push({ type: 'dense', units: Number(c.units), activation: kerasActivation(c.activation, name, kind) });
      case 'Dropout':
      case 'NnlabSeededDropout':
        return push({ type: 'dropout', rate: Number(c.rate) });
      case 'BatchNormalization': {
        const axis = Array.isArray(c.axis) ? c.axis[0] : (c.axis ?? -1);
        if (c.center === false || c.scale === false || (axis !== -1 && axis !== 3 && axis !== 1)) fail('unsupported-layer', { name, kind, why: 'only center+scale on the channel axis' });
        if (c.epsilon !== undefined && Math.abs(Number(c.epsilon) - 0.001) > 1e-9) fail('unsupported-layer', { name, kind, why: `epsilon ${String(c.epsilon)} ≠ 0.001` });
        return push({ type: 'batchNorm' });
      }
      case 'Activation':
        return push({ type: 'activation', activation: kerasActivation(c.activation, name, kind) });
      case 'ReLU':
        if (c.max_value != null) fail('unsupported-layer', { name, kind, why: 'max_value' });
        return push({ type: 'activation', activation: 'relu' });
      case 'Softmax':
        return push({ type: 'activation', activation: 'softmax' });
      case 'LeakyReLU': {
        const alpha = Number(c.alpha ?? c.negative_slope ?? 0.3);
        if (Math.abs(alpha - 0.01) > 1e-9) fail('unsupported-layer', { name, kind, why: `alpha ${alpha} ≠ 0.01` });
        // Our own export writes a leaky conv/dense as a linear layer + "<name>_leaky": fold it back.
        const prev = layers[layers.length - 1];
        if ((prev?.type === 'conv2d' || prev?.type === 'dense') && prev.activation === 'linear' && name === `${names[names.length - 1]}_leaky`) {
          prev.activation = 'leakyRelu';
          return;
        }
        return push({ type: 'activation', activation: 'leakyRelu' });
      }
      case 'Flatten':
        return push({ type: 'flatten' });
      default:
        fail('unsupported-layer', { name, kind, why: '' });
    }
  });
  const shape = Array.isArray(input) ? input : null;
  if (!shape || shape.length !== 4 || shape[0] !== null || shape[1] !== 28 || shape[2] !== 28 || shape[3] !== 1) {
    fail('bad-input', { got: shape ? `[${shape.map((d) => (d === null ? 'null' : d)).join(', ')}]` : 'unknown' });
  }
  const spec: ModelSpec = { inputShape: [28, 28, 1], init: 'glorotUniform', layers };
  const a = analyzeSpec(spec, { mnistHead: false });
  if (!a.ok) fail('bad-architecture', { en: a.errors[0].message.en, zh: a.errors[0].message.zh });
  const out = a.outputShape;
  if (!out || out.length !== 1 || out[0] !== 10) fail('bad-output', { got: out ? `${out.length === 1 ? out[0] : out.join('×')} values` : 'unknown' });
  const b = analyzeSpec(spec);
  if (!b.ok) fail('bad-output', { got: b.errors[0].message.en });
  return { spec, names };
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
const baseName = (p: string) => p.split('/').pop() ?? p;

/**
 * Validates model.json text and its weight files and returns the spec and the weights in
 * buildModel's order and names. A single .bin is accepted under any file name.
 */
export function importModel(jsonText: string, files: { name: string; data: ArrayBuffer }[]): { spec: ModelSpec; weights: WeightsPack; name: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch {
    return fail('not-json');
  }
  if (!isObj(json)) return fail('not-layers-model');
  const topo = json.modelTopology;
  if (json.format === 'graph-model' || (isObj(topo) && Array.isArray(topo.node))) return fail('graph-model');
  if (!isObj(topo)) return fail('not-layers-model');
  const { spec, names } = topologyToSpec(topo);
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length === 0) return fail('no-weights');

  // Every weight of the files, by name, with its bytes.
  const found = new Map<string, { shape: number[]; dtype: string; bytes: Uint8Array }>();
  const allPaths = manifest.flatMap((g: unknown) => (isObj(g) && Array.isArray(g.paths) ? g.paths.map(String) : []));
  for (const group of manifest) {
    if (!isObj(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) return fail('no-weights');
    const parts = group.paths.map((p: unknown) => {
      const f = files.find((x) => x.name === baseName(String(p))) ?? (allPaths.length === 1 && files.length === 1 ? files[0] : undefined);
      return f ? new Uint8Array(f.data) : fail('missing-weights-file', { name: baseName(String(p)) });
    });
    const total = parts.reduce((s: number, p: Uint8Array) => s + p.length, 0);
    const buf = new Uint8Array(total);
    parts.reduce((o: number, p: Uint8Array) => (buf.set(p, o), o + p.length), 0);
    let offset = 0;
    for (const w of group.weights as unknown[]) {
      if (!isObj(w) || !Array.isArray(w.shape)) return fail('no-weights');
      const wname = String(w.name);
      if (w.quantization) fail('unsupported-weights', { name: wname, kind: 'quantized' });
      const dtype = String(w.dtype ?? 'float32');
      if (!(dtype in BYTES) || dtype === 'bool') fail('unsupported-weights', { name: wname, kind: dtype });
      const shape = (w.shape as unknown[]).map(Number);
      const size = shape.reduce((a, b) => a * b, 1) * BYTES[dtype];
      found.set(wname, { shape, dtype, bytes: buf.subarray(offset, offset + size) });
      offset += size;
    }
    if (offset !== total) fail('weights-size', { expected: offset, got: total });
  }

  const want = expectedWeights(spec, (i) => names[i]);
  const ours = expectedWeights(spec);
  const data = new Uint8Array(want.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1) * 4, 0));
  let offset = 0;
  const specs = want.map((w, i) => {
    const suffix = w.name.slice(w.name.lastIndexOf('/') + 1);
    const layer = w.name.slice(0, w.name.lastIndexOf('/'));
    const hit = found.get(w.name) ?? [...found].find(([k]) => k.endsWith(`/${suffix}`) && k.split('/').includes(layer))?.[1];
    if (!hit) fail('weights-mismatch', { name: w.name, expected: w.shape.join(', '), got: 'missing' });
    if (hit!.shape.join() !== w.shape.join() || hit!.dtype !== 'float32') {
      fail('weights-mismatch', { name: w.name, expected: w.shape.join(', '), got: `[${hit!.shape.join(', ')}] ${hit!.dtype}` });
    }
    data.set(hit!.bytes, offset);
    offset += hit!.bytes.length;
    return { name: ours[i].name, shape: w.shape, dtype: 'float32' as const };
  });
  const meta = isObj(json.userDefinedMetadata) && isObj(json.userDefinedMetadata.nnlab) ? json.userDefinedMetadata.nnlab : null;
  const init = meta && ['glorotUniform', 'heNormal', 'randomNormal'].includes(String(meta.init)) ? (meta.init as InitName) : 'glorotUniform';
  return { spec: { ...spec, init }, weights: { specs, data: data.buffer }, name: meta && typeof meta.name === 'string' ? meta.name : null };
}
