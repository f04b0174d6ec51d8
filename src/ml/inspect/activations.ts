/**
 * Looking inside a trained CNN: the output of every convolution (after its activation) and
 * every pooling layer for one input image, and the first convolution's kernels as filters.
 * Pure tfjs: runs in the worker and under Node in tests.
 */
import * as tf from '@tensorflow/tfjs';
import { toInputBatch } from './input';

export interface LayerActivation {
  /** The layer's name in the model (`conv2d_0`, `maxPool_1`, …). */
  name: string;
  kind: 'conv' | 'pool';
  /** The activation applied to a convolution's output ('relu', 'linear', 'leakyRelu', …); '' for pooling. */
  activation: string;
  /** [height, width, channels] of one image's output. */
  shape: [number, number, number];
  /** Row-major h × w × c (channels last, as tfjs stores it). */
  data: Float32Array;
}

export interface FilterBank {
  layer: string;
  /** [kernelHeight, kernelWidth, inChannels, filters]. */
  shape: [number, number, number, number];
  data: Float32Array;
  bias: Float32Array | null;
}

export interface ActivationsResult {
  layers: LayerActivation[];
  /** The first convolution's kernels (null when the model has no convolution). */
  filters: FilterBank | null;
  /** The model's class probabilities for the image. */
  probs: Float32Array;
}

interface Tap {
  name: string;
  kind: 'conv' | 'pool';
  activation: string;
  layer: tf.layers.Layer;
}

function activationName(layer: tf.layers.Layer): string {
  const a = (layer.getConfig() as { activation?: unknown }).activation;
  return typeof a === 'string' ? a : 'linear';
}

/**
 * The layers whose outputs are shown: each Conv2D (or the LeakyReLU the builder appends to it,
 * named `<conv>_leaky`, so maps are always after the activation) and each pooling layer.
 */
export function tapLayers(model: tf.LayersModel): Tap[] {
  const taps: Tap[] = [];
  const layers = model.layers;
  layers.forEach((layer, i) => {
    const cls = layer.getClassName();
    if (cls === 'Conv2D') {
      const next = layers[i + 1];
      if (next && next.getClassName() === 'LeakyReLU' && next.name === `${layer.name}_leaky`) {
        taps.push({ name: layer.name, kind: 'conv', activation: 'leakyRelu', layer: next });
      } else {
        taps.push({ name: layer.name, kind: 'conv', activation: activationName(layer), layer });
      }
    } else if (cls === 'MaxPooling2D' || cls === 'AveragePooling2D') {
      taps.push({ name: layer.name, kind: 'pool', activation: '', layer });
    }
  });
  return taps;
}

/**
 * Sub-models sharing the trained layers, one per model. A sub-model owns no tensors, and must
 * NOT be disposed: tfjs counts references per layer and tf.model() does not add one, so
 * disposing it would free the trained model's own weights. It is dropped with its model.
 */
const probes = new WeakMap<tf.LayersModel, { sub: tf.LayersModel; taps: Tap[] }>();

function probeModel(model: tf.LayersModel) {
  let p = probes.get(model);
  if (!p) {
    const taps = tapLayers(model);
    const outputs = [...taps.map((t) => t.layer.output as tf.SymbolicTensor), model.outputs[0]];
    p = { sub: tf.model({ inputs: model.inputs, outputs }), taps };
    probes.set(model, p);
  }
  return p;
}

/** The first Conv2D's kernels and biases, read asynchronously (the layer's variables are not disposed). */
export async function firstConvFilters(model: tf.LayersModel): Promise<FilterBank | null> {
  const conv = model.layers.find((l) => l.getClassName() === 'Conv2D');
  if (!conv) return null;
  const [kernel, bias] = conv.getWeights();
  const shape = kernel.shape as [number, number, number, number];
  const data = (await kernel.data()) as Float32Array;
  const b = bias ? ((await bias.data()) as Float32Array) : null;
  return { layer: conv.name, shape, data: Float32Array.from(data), bias: b ? Float32Array.from(b) : null };
}

/**
 * Every tapped layer's output for one uint8 image (784 pixels, 0–255), plus the first layer's
 * filters and the predicted probabilities.
 */
export async function extractActivations(
  model: tf.LayersModel,
  image: Uint8Array,
  opts: { inputShape: [number, number, number]; fromLogits: boolean },
): Promise<ActivationsResult> {
  const { sub, taps } = probeModel(model);
  const outs = tf.tidy(() => {
    const x = toInputBatch(image, 0, 1, opts.inputShape);
    const ys = sub.predict(x) as tf.Tensor | tf.Tensor[];
    const list = Array.isArray(ys) ? ys : [ys];
    const last = list.length - 1;
    return list.map((y, i) => (i === last && opts.fromLogits ? tf.softmax(y) : y));
  });
  try {
    const values = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
    const layers = taps.map((t, i): LayerActivation => {
      const [, h, w, c] = outs[i].shape;
      return { name: t.name, kind: t.kind, activation: t.activation, shape: [h, w, c], data: values[i] };
    });
    return { layers, filters: await firstConvFilters(model), probs: values[values.length - 1] };
  } finally {
    tf.dispose(outs);
  }
}
