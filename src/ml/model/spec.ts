/**
 * The JSON layer spec every panel uses to describe a network. It is plain data
 * (serialisable, URL-encodable, persistable) and is validated by `analyzeSpec`
 * before `buildModel` turns it into a tf.LayersModel.
 */

export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'elu' | 'leakyRelu';
export type Padding = 'valid' | 'same';
export type InitName = 'glorotUniform' | 'heNormal' | 'randomNormal';

export type LayerSpec =
  | {
      type: 'conv2d';
      filters: number;
      kernelSize: number;
      strides?: number;
      padding?: Padding;
      dilation?: number;
      activation?: Activation;
    }
  | { type: 'maxPool' | 'avgPool'; poolSize: number; strides?: number; padding?: Padding }
  | { type: 'dense'; units: number; activation?: Activation }
  | { type: 'dropout'; rate: number }
  | { type: 'batchNorm' }
  | { type: 'activation'; activation: Activation }
  | { type: 'flatten' };

export type LayerType = LayerSpec['type'];

export interface ModelSpec {
  /** [height, width, channels]; MNIST is [28, 28, 1]. */
  inputShape: [number, number, number];
  layers: LayerSpec[];
  /** Kernel initialiser for conv and dense layers (biases start at zero). */
  init?: InitName;
}

/**
 * The seed CNN from the course: two 3×3 'valid' convolutions with 2×2 max-pooling,
 * then a 64-unit hidden layer and a 10-way softmax. 121,930 parameters.
 */
export const SEED_CNN: ModelSpec = {
  inputShape: [28, 28, 1],
  init: 'glorotUniform',
  layers: [
    { type: 'conv2d', filters: 32, kernelSize: 3, activation: 'relu' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'conv2d', filters: 64, kernelSize: 3, activation: 'relu' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 64, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** MNIST normalisation constants (mean and std of training pixels scaled to [0, 1]). */
export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;
