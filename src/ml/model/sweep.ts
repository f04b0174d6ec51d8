/**
 * The cross-backend sweep: every layer configuration the spec accepts (sampled where the
 * space is large), each built by buildModel and run forward and backward on whichever
 * backend is active. Comparing the outputs of `evaluateCase` on two backends (cpu is tfjs'
 * reference) shows whether a backend computes the network the spec describes.
 * Pure and backend-agnostic: Vitest runs it on wasm vs cpu (sweep.test.ts); a browser page
 * can run it on webgl/webgpu.
 */
import * as tf from '@tensorflow/tfjs';
import { analyzeSpec } from './analyze';
import { buildLayers, buildModel } from './builder';
import { DEEP_CNN, MLP } from './presets';
import { SEED_CNN, type Activation, type LayerSpec, type ModelSpec, type Padding } from './spec';
import { tfSamePadding } from './convPadding';

export interface SweepCase {
  /** Human-readable configuration, printed when the case fails. */
  id: string;
  family: 'conv' | 'pool' | 'dense' | 'activation' | 'dropout' | 'batchNorm' | 'preset';
  spec: ModelSpec;
  batch: number;
  /** Run the layers in training mode (batch-norm batch statistics, active dropout). */
  training: boolean;
  seed: number;
  /** Largest allowed max |a − b| / (1 + |b|) against the reference. */
  tol: number;
  /** Part of the known-bad family: 'same' conv whose TF total padding is negative on an axis. */
  negativeSamePad?: boolean;
}

export const ACTIVATIONS: readonly Activation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'leakyRelu'];
const PADDINGS: readonly Padding[] = ['valid', 'same'];
/** [in channels, filters]: 1-channel images, odd counts, SIMD-friendly multiples of 4 and 16. */
const CHANNELS: ReadonlyArray<[number, number]> = [[1, 4], [2, 3], [3, 8], [4, 16], [8, 5]];
const SQUARE = Array.from({ length: 12 }, (_, i) => i + 1);
const NON_SQUARE: ReadonlyArray<[number, number]> = [[3, 8], [8, 3], [5, 12], [12, 7], [4, 9]];

/** Accepted by the validator (no MNIST head needed: these are single layers). */
const accepted = (spec: ModelSpec) => analyzeSpec(spec, { mnistHead: false }).ok;

/** True when TF's total 'same' padding would be negative along either axis. */
export function hasNegativeSamePad(h: number, w: number, k: number, s: number, d: number): boolean {
  return tfSamePadding(h, k, s, d).raw < 0 || tfSamePadding(w, k, s, d).raw < 0;
}

/**
 * conv2d: kernels 1–5 and 7, strides 1–4 (dilation 1), dilations 2–3 (stride 1; the spec
 * refuses both above 1), both paddings, inputs 1–12 square and some non-square.
 * Channel pairs and activations rotate through the cases; the known-bad family (negative
 * total 'same' padding) gets every channel pair.
 */
export function convCases(): SweepCase[] {
  const out: SweepCase[] = [];
  const geometries: Array<[number, number]> = [[1, 1], [2, 1], [3, 1], [4, 1], [1, 2], [1, 3]];
  const sizes: Array<[number, number]> = [...SQUARE.map((n): [number, number] => [n, n]), ...NON_SQUARE];
  let n = 0;
  for (const [h, w] of sizes) {
    for (const k of [1, 2, 3, 4, 5, 7]) {
      for (const [s, d] of geometries) {
        for (const padding of PADDINGS) {
          const bad = padding === 'same' && hasNegativeSamePad(h, w, k, s, d);
          const pairs = bad ? CHANNELS : [CHANNELS[n % CHANNELS.length]];
          for (const [ci, co] of pairs) {
            const activation = ACTIVATIONS[n % ACTIVATIONS.length];
            const layer: LayerSpec = { type: 'conv2d', filters: co, kernelSize: k, strides: s, padding, dilation: d, activation };
            const spec: ModelSpec = { inputShape: [h, w, ci], layers: [layer] };
            if (!accepted(spec)) continue;
            n++;
            out.push({
              id: `conv2d in ${h}×${w}×${ci} k${k} s${s} d${d} ${padding} filters ${co} ${activation}`,
              family: 'conv', spec, batch: 2, training: true, seed: n, tol: 1e-4, negativeSamePad: bad,
            });
          }
        }
      }
    }
  }
  return out;
}

/** maxPool / avgPool: windows 1–5, strides 1–5, both paddings, inputs 1–12 and non-square. */
export function poolCases(): SweepCase[] {
  const out: SweepCase[] = [];
  const sizes: Array<[number, number]> = [...SQUARE.map((n): [number, number] => [n, n]), ...NON_SQUARE];
  let n = 0;
  for (const type of ['maxPool', 'avgPool'] as const) {
    for (const [h, w] of sizes) {
      for (const poolSize of [1, 2, 3, 4, 5]) {
        for (const strides of [1, 2, 3, 4, 5]) {
          for (const padding of PADDINGS) {
            const c = [1, 3, 4, 8][n % 4];
            const spec: ModelSpec = { inputShape: [h, w, c], layers: [{ type, poolSize, strides, padding }] };
            if (!accepted(spec)) continue;
            n++;
            out.push({ id: `${type} in ${h}×${w}×${c} pool ${poolSize} s${strides} ${padding}`, family: 'pool', spec, batch: 2, training: true, seed: 5000 + n, tol: 1e-5 });
          }
        }
      }
    }
  }
  return out;
}

/** dense (every activation, several widths), standalone activation layers, dropout, batch norm. */
export function layerCases(): SweepCase[] {
  const out: SweepCase[] = [];
  let n = 9000;
  const add = (c: Omit<SweepCase, 'seed' | 'tol'> & { tol?: number }) => out.push({ tol: 1e-4, ...c, seed: n++ });
  for (const activation of ACTIVATIONS) {
    for (const [inShape, units] of [[[1, 1, 5], 1], [[2, 3, 2], 7], [[4, 4, 3], 16], [[3, 3, 8], 10]] as const) {
      const spec: ModelSpec = { inputShape: [...inShape], layers: [{ type: 'flatten' }, { type: 'dense', units, activation }] };
      add({ id: `dense in ${inShape.join('×')} → ${units} ${activation}`, family: 'dense', spec, batch: 3, training: true });
    }
    const act: ModelSpec = { inputShape: [4, 5, 3], layers: [{ type: 'activation', activation }] };
    add({ id: `activation ${activation} on 4×5×3`, family: 'activation', spec: act, batch: 2, training: true });
  }
  for (const rate of [0, 0.25, 0.5, 0.9]) {
    for (const training of [false, true]) {
      const spec: ModelSpec = { inputShape: [5, 5, 4], layers: [{ type: 'dropout', rate }, { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same' }] };
      add({ id: `dropout ${rate} ${training ? 'training (seeded mask)' : 'inference'} → conv`, family: 'dropout', spec, batch: 2, training });
    }
  }
  for (const training of [true, false]) {
    for (const [inShape, flat] of [[[6, 6, 3], false], [[5, 4, 8], false], [[3, 3, 2], true]] as const) {
      const layers: LayerSpec[] = flat
        ? [{ type: 'flatten' }, { type: 'dense', units: 6 }, { type: 'batchNorm' }, { type: 'activation', activation: 'relu' }]
        : [{ type: 'conv2d', filters: 4, kernelSize: 3, padding: 'same' }, { type: 'batchNorm' }, { type: 'activation', activation: 'relu' }];
      add({ id: `batchNorm ${training ? 'train' : 'eval'} mode after ${flat ? 'dense' : 'conv'} on ${inShape.join('×')}`,
        family: 'batchNorm', spec: { inputShape: [...inShape], layers }, batch: 4, training, tol: 2e-4 });
    }
  }
  return out;
}

/**
 * A spec with every conv's filters and every hidden dense layer's units divided by `f`: the same
 * layer configurations at a fraction of the cpu reference's cost.
 */
export function narrow(spec: ModelSpec, f: number): ModelSpec {
  const last = spec.layers.length - 1;
  const layers = spec.layers.map((l, i): LayerSpec => {
    if (l.type === 'conv2d') return { ...l, filters: Math.max(2, Math.round(l.filters / f)) };
    if (l.type === 'dense' && i < last && !(i === last - 1 && spec.layers[last].type === 'activation')) {
      return { ...l, units: Math.max(2, Math.round(l.units / f)) };
    }
    return l;
  });
  return { ...spec, layers };
}

/**
 * The builder's presets, whole, in training and inference mode, plus small mixed stacks. The
 * CNN presets run at a quarter of their width: the full deeper CNN takes the cpu backend tens
 * of seconds per pass; the full seed CNN is checked in wasmGradients.test.ts.
 */
export function presetCases(): SweepCase[] {
  const stacks: Array<[string, ModelSpec]> = [
    ['MLP preset', MLP], ['seed CNN preset at ¼ width', narrow(SEED_CNN, 4)], ['deeper CNN preset at ¼ width', narrow(DEEP_CNN, 4)],
    ['strided same stack', { inputShape: [12, 12, 1], layers: [
      { type: 'conv2d', filters: 8, kernelSize: 2, strides: 3, padding: 'same', activation: 'relu' },
      { type: 'conv2d', filters: 6, kernelSize: 3, strides: 4, padding: 'same', activation: 'leakyRelu' },
      { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] }],
    ['MNIST 3×3 stride 4 same (issue 17)', { inputShape: [28, 28, 1], layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, strides: 4, padding: 'same', activation: 'relu' },
      { type: 'batchNorm' }, { type: 'avgPool', poolSize: 2, padding: 'same' }, { type: 'dropout', rate: 0.3 },
      { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] }],
  ];
  const out: SweepCase[] = [];
  stacks.forEach(([name, spec], i) => {
    for (const training of [true, false]) {
      out.push({ id: `${name} (${training ? 'training' : 'inference'})`, family: 'preset', spec, batch: 2, training, seed: 20_000 + 2 * i + (training ? 1 : 0), tol: 1e-3 });
    }
  });
  return out;
}

export function allCases(): SweepCase[] {
  return [...convCases(), ...poolCases(), ...layerCases(), ...presetCases()];
}

/** Deterministic pseudo-random floats in [-scale, scale) (no tf RNG: identical on every backend). */
export function sweepRandom(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 4294967296 - 0.5) * 2 * scale;
  }
  return out;
}

/** Every weight from sweepRandom, Glorot-scaled; batch-norm statistics kept in a sane range. */
function setWeights(layers: tf.layers.Layer[], seed: number): void {
  let i = 0;
  for (const layer of layers) {
    if (layer.weights.length === 0) continue;
    const values = layer.weights.map((v) => {
      const w = { name: v.name, shape: v.shape as number[] };
      const size = w.shape.reduce((a, b) => a * b, 1);
      const r = sweepRandom(size, seed * 31 + i++, 1);
      if (/moving_variance/.test(w.name)) return tf.tensor(r.map((v) => 0.5 + Math.abs(v)), w.shape);
      if (/gamma/.test(w.name)) return tf.tensor(r.map((v) => 1 + 0.3 * v), w.shape);
      const fanIn = w.shape.length > 1 ? w.shape.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
      return tf.tensor(r.map((v) => v * (w.shape.length > 1 ? Math.sqrt(3 / fanIn) : 0.3)), w.shape);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

export interface CaseResult {
  /** 'y', then 'dx', then one per trainable weight. */
  names: string[];
  values: Float32Array[];
  shapes: number[][];
}

/**
 * Builds the case's layers with the builder on the active backend (presets as a whole
 * buildModel), runs them forward on a fixed input and back-propagates a fixed upstream
 * gradient: returns y, dL/dx and every dL/dW.
 */
export async function evaluateCase(c: SweepCase): Promise<CaseResult> {
  const model = c.family === 'preset' ? buildModel(c.spec, { seed: 1 }) : null;
  const layers = model ? model.layers : buildLayers(c.spec, { seed: 1 });
  // Layers outside a model are built symbolically (shapes only, no arithmetic).
  if (!model) layers.reduce<tf.SymbolicTensor>((t, l) => l.apply(t) as tf.SymbolicTensor, tf.input({ shape: c.spec.inputShape }));
  const forward = (x: tf.Tensor) =>
    model ? (model.apply(x, { training: c.training }) as tf.Tensor) : layers.reduce((t, l) => l.apply(t, { training: c.training }) as tf.Tensor, x);
  const x = tf.variable(tf.tensor4d(sweepRandom(c.batch * c.spec.inputShape.reduce((a, b) => a * b, 1), c.seed, 1.5),
    [c.batch, ...c.spec.inputShape]), true, `sweep_x_${c.seed}_${sweepCounter++}`);
  try {
    setWeights(layers, c.seed);
    const { names, ts } = tf.tidy(() => {
      const weights = layers.flatMap((l) => l.trainableWeights);
      const vars = weights.map((w) => w.read() as tf.Variable);
      let y: tf.Tensor | null = null;
      const { grads } = tf.variableGrads(() => {
        y = tf.keep(forward(x));
        const dy = tf.tensor(sweepRandom(y.size, c.seed + 7, 1), y.shape);
        return tf.sum(tf.mul(y, dy)) as tf.Scalar;
      }, [x, ...vars]);
      const ts = [y!, grads[x.name], ...vars.map((v) => grads[v.name])];
      return { names: ['y', 'dx', ...weights.map((w) => `d ${w.originalName}`)], ts };
    });
    try {
      // data(), not dataSync(): WebGPU cannot read a GPU buffer synchronously.
      const values = (await Promise.all(ts.map((t) => t.data()))) as Float32Array[];
      return { names, values, shapes: ts.map((t) => t.shape) };
    } finally {
      tf.dispose(ts);
    }
  } finally {
    x.dispose();
    if (model) model.dispose();
    else for (const l of layers) l.dispose();
  }
}

let sweepCounter = 0;

/** Max |a − b| / (1 + |b|) over every output, or a description of the first mismatch in shape. */
export function compareResults(got: CaseResult, ref: CaseResult): { err: number; worst: string } {
  let err = 0;
  let worst = '';
  if (got.values.length !== ref.values.length) return { err: Infinity, worst: `${got.values.length} outputs, expected ${ref.values.length}` };
  for (let i = 0; i < ref.values.length; i++) {
    const a = got.values[i];
    const b = ref.values[i];
    if (a.length !== b.length || got.shapes[i].join() !== ref.shapes[i].join()) {
      return { err: Infinity, worst: `${ref.names[i]} shape [${got.shapes[i]}], expected [${ref.shapes[i]}]` };
    }
    for (let j = 0; j < a.length; j++) {
      const e = Math.abs(a[j] - b[j]) / (1 + Math.abs(b[j]));
      if (!(e <= err)) {
        err = Number.isNaN(e) ? Infinity : e;
        worst = `${ref.names[i]}[${j}] = ${a[j]}, expected ${b[j]}`;
      }
    }
  }
  return { err, worst };
}
