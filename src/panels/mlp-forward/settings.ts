import type { SettingsTable } from '../settings';

/**
 * `::panel{id="mlp-forward" activation="relu" x1="1" x2="2"}`. The defaults are the chapter's
 * worked example (x = (1, 2), ReLU hidden layer).
 */
export const MLP_FORWARD_SETTINGS = {
  activation: { kind: 'enum', default: 'relu', options: ['relu', 'sigmoid', 'tanh', 'leaky-relu', 'elu', 'linear'] },
  x1: { kind: 'number', default: 1, min: -5, max: 5 },
  x2: { kind: 'number', default: 2, min: -5, max: 5 },
  seed: { kind: 'int', default: 0, min: 0, max: 2 ** 31 - 1 },
} satisfies SettingsTable;
