import type { SettingsTable } from '../settings';

/** The trainer panel's settings: defaults are the seed CNN's course settings. */
export const TRAINER_SETTINGS = {
  epochs: { kind: 'int', default: 1, min: 1, max: 50 },
  subset: { kind: 'int', default: 60000, min: 256, max: 60000 },
  batchSize: { kind: 'int', default: 64, min: 8, max: 1024 },
  lr: { kind: 'number', default: 0.001, min: 0.000001, max: 1 },
  optimizer: { kind: 'enum', default: 'adam', options: ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'] },
  validationSplit: { kind: 'number', default: 0.1, min: 0, max: 0.5 },
  seed: { kind: 'int', default: 42, min: 0, max: 2 ** 31 - 1 },
} satisfies SettingsTable;
