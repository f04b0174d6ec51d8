import type { SettingsTable } from '../settings';
import { RUN_PRESETS } from './presets';

/**
 * The trainer panel's settings: the seed CNN's course settings (TrainConfig in src/ml/train/types.ts),
 * with the quick run's length (presets.ts) so a first run ends in under a minute.
 */
export const TRAINER_SETTINGS = {
  epochs: { kind: 'int', default: RUN_PRESETS.quick.epochs, min: 1, max: 50 },
  subset: { kind: 'int', default: RUN_PRESETS.quick.subset, min: 256, max: 60000 },
  batchSize: { kind: 'int', default: 64, min: 8, max: 1024 },
  lr: { kind: 'number', default: 0.001, min: 0.000001, max: 1 },
  optimizer: { kind: 'enum', default: 'adam', options: ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'] },
  schedule: { kind: 'enum', default: 'constant', options: ['constant', 'step', 'exponential', 'cosine', 'cyclical'] },
  /** step: epochs between decays; cyclical: epochs per half-cycle. */
  stepSize: { kind: 'int', default: 2, min: 1, max: 50 },
  /** step/exponential: factor per decay. */
  gamma: { kind: 'number', default: 0.5, min: 0.01, max: 1 },
  /** cosine/cyclical: the lowest learning rate. */
  minLr: { kind: 'number', default: 0.00001, min: 0, max: 1 },
  validationSplit: { kind: 'number', default: 0.1, min: 0, max: 0.5 },
  seed: { kind: 'int', default: 42, min: 0, max: 2 ** 31 - 1 },
  earlyStopping: { kind: 'bool', default: false },
  patience: { kind: 'int', default: 2, min: 1, max: 50 },
  minDelta: { kind: 'number', default: 0, min: 0, max: 1 },
} satisfies SettingsTable;

export type TrainerKey = keyof typeof TRAINER_SETTINGS;
