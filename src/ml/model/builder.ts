import * as tf from '@tensorflow/tfjs';
import type { Activation, InitName, LayerSpec, ModelSpec } from './spec';
import { SpecConv2D } from './specConv';

function tfActivation(a: Activation | undefined): string {
  if (a === undefined || a === 'linear') return 'linear';
  return a === 'leakyRelu' ? 'linear' : a;
}

/**
 * Kernel initialisers. Biases always start at zero.
 * - glorotUniform: U(±√(6/(fanIn+fanOut))) keeps activations' variance steady for tanh/sigmoid.
 * - heNormal: N(0, 2/fanIn) (truncated) compensates for ReLU zeroing half its inputs.
 * - randomNormal: N(0, 0.05²), the naive choice, for comparing: deep nets learn slowly with it.
 * Each layer gets its own seed derived from the run seed, so a run can be repeated exactly.
 */
function initializer(name: InitName, seed: number | undefined, index: number) {
  const s = seed === undefined ? undefined : seed * 1000 + index;
  if (name === 'randomNormal') return tf.initializers.randomNormal({ mean: 0, stddev: 0.05, seed: s });
  if (name === 'heNormal') return tf.initializers.heNormal({ seed: s });
  return tf.initializers.glorotUniform({ seed: s });
}

interface SeededDropoutArgs {
  rate: number;
  seed?: number;
  name?: string;
  inputShape?: number[];
}

/**
 * Dropout: while training, zeroes each activation with probability `rate` and scales the
 * survivors by 1/(1−rate) so the expected sum is unchanged; at inference it does nothing.
 * tfjs's own dropout layer reuses one seed for every batch (the same mask each step), so
 * this one advances its seed per call: masks differ between batches yet repeat across runs.
 */
export class SeededDropout extends tf.layers.Layer {
  static className = 'NnlabSeededDropout';
  readonly rate: number;
  readonly baseSeed: number | undefined;
  private calls = 0;

  constructor(args: SeededDropoutArgs) {
    super({ name: args.name, inputShape: args.inputShape });
    this.rate = args.rate;
    this.baseSeed = args.seed;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]) {
    return inputShape;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs?.training || this.rate === 0) return x;
    const seed = this.baseSeed === undefined ? undefined : this.baseSeed + this.calls++;
    return tf.dropout(x, this.rate, undefined, seed);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.baseSeed ?? null };
  }
}
tf.serialization.registerClass(SeededDropout);

function makeLayer(layer: LayerSpec, i: number, spec: ModelSpec, seed: number | undefined): tf.layers.Layer[] {
  const init = spec.init ?? 'glorotUniform';
  const first = i === 0 ? { inputShape: spec.inputShape } : {};
  const name = `${layer.type}_${i}`;
  const out: tf.layers.Layer[] = [];
  switch (layer.type) {
    case 'conv2d':
      // Slides `filters` learned kernelSize×kernelSize×inChannels windows over the image;
      // each filter becomes one output channel (a "feature map"). SpecConv2D is tfjs's Conv2D
      // with workarounds for configurations some backends get wrong (see specConv.ts).
      out.push(
        new SpecConv2D({
          ...first,
          name,
          filters: layer.filters,
          kernelSize: layer.kernelSize,
          strides: layer.strides ?? 1,
          padding: layer.padding ?? 'valid',
          dilationRate: layer.dilation ?? 1,
          activation: tfActivation(layer.activation) as never,
          kernelInitializer: initializer(init, seed, i),
        }),
      );
      break;
    case 'maxPool':
    case 'avgPool': {
      // Downsamples each channel: the max (or mean) of every poolSize×poolSize window. No weights.
      const opts = {
        ...first,
        name,
        poolSize: layer.poolSize,
        strides: layer.strides ?? layer.poolSize,
        padding: layer.padding ?? 'valid',
      } as const;
      out.push(layer.type === 'maxPool' ? tf.layers.maxPooling2d(opts) : tf.layers.averagePooling2d(opts));
      break;
    }
    case 'dense':
      // Every input connects to every unit: y = activation(x·W + b).
      out.push(
        tf.layers.dense({
          ...first,
          name,
          units: layer.units,
          activation: tfActivation(layer.activation) as never,
          kernelInitializer: initializer(init, seed, i),
        }),
      );
      break;
    case 'dropout':
      out.push(new SeededDropout({ ...first, name, rate: layer.rate, seed: seed === undefined ? undefined : seed * 1000 + i }));
      break;
    case 'batchNorm':
      // Normalises each channel with the batch's mean/variance, then scales (γ) and shifts (β);
      // moving averages of mean/variance are kept for inference (non-trainable weights).
      out.push(tf.layers.batchNormalization({ ...first, name }));
      break;
    case 'activation':
      out.push(
        layer.activation === 'leakyRelu'
          ? tf.layers.leakyReLU({ ...first, name, alpha: 0.01 })
          : tf.layers.activation({ ...first, name, activation: tfActivation(layer.activation) as never }),
      );
      break;
    case 'flatten':
      // Unrolls h×w×c feature maps into one vector so dense layers can read them.
      out.push(tf.layers.flatten({ ...first, name }));
      break;
  }
  // conv/dense with leakyRelu: a linear layer followed by a LeakyReLU layer.
  if ((layer.type === 'conv2d' || layer.type === 'dense') && layer.activation === 'leakyRelu') {
    out.push(tf.layers.leakyReLU({ name: `${name}_leaky`, alpha: 0.01 }));
  }
  return out;
}

/**
 * Builds a tf.Sequential from a spec. The spec should be validated first (analyzeSpec);
 * an invalid spec makes tfjs throw here. Layer i is named `${type}_${i}`.
 * With `seed`, weight init and dropout masks are reproducible.
 * Input: [batch, h, w, c] images; output: [batch, units of the last dense layer].
 */
export function buildModel(spec: ModelSpec, options: { seed?: number } = {}): tf.Sequential {
  const model = tf.sequential();
  for (const l of buildLayers(spec, options)) model.add(l);
  return model;
}

/** The layers buildModel stacks, unconnected (the cross-backend sweep applies them directly). */
export function buildLayers(spec: ModelSpec, options: { seed?: number } = {}): tf.layers.Layer[] {
  return spec.layers.flatMap((layer, i) => makeLayer(layer, i, spec, options.seed));
}

/**
 * True when the model ends without a softmax, i.e. it outputs logits; the trainer then
 * uses softmax cross-entropy on logits and predictions apply softmax themselves.
 */
export function outputsLogits(spec: ModelSpec): boolean {
  const last = spec.layers[spec.layers.length - 1];
  if (!last) return true;
  if (last.type === 'dense' || last.type === 'activation') return last.activation !== 'softmax';
  return true;
}
