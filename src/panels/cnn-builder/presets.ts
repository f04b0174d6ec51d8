/**
 * Starting architectures for the builder. `seed` is the course's seed CNN (SEED_CNN);
 * `mlp` is a plain fully connected net on the same input, to compare parameter counts;
 * `deep` is a VGG-style stack of 'same' 3×3 convolutions with batch norm and dropout.
 */
import { SEED_CNN, type ModelSpec } from '../../ml/model/spec';

export const BUILDER_PRESETS = {
  seed: SEED_CNN,
  mlp: {
    inputShape: [28, 28, 1],
    init: 'glorotUniform',
    layers: [
      { type: 'flatten' },
      { type: 'dense', units: 128, activation: 'relu' },
      { type: 'dense', units: 64, activation: 'relu' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
  deep: {
    inputShape: [28, 28, 1],
    init: 'heNormal',
    layers: [
      { type: 'conv2d', filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'batchNorm' },
      { type: 'conv2d', filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'maxPool', poolSize: 2 },
      { type: 'dropout', rate: 0.25 },
      { type: 'conv2d', filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'batchNorm' },
      { type: 'conv2d', filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'maxPool', poolSize: 2 },
      { type: 'dropout', rate: 0.25 },
      { type: 'flatten' },
      { type: 'dense', units: 128, activation: 'relu' },
      { type: 'dropout', rate: 0.5 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
} satisfies Record<string, ModelSpec>;

export type BuilderPreset = keyof typeof BUILDER_PRESETS;
export const BUILDER_PRESET_NAMES = Object.keys(BUILDER_PRESETS) as BuilderPreset[];
