import { PRESET_NAMES } from '../../ml/teach/perceptron';
import type { SettingsTable } from '../settings';

/**
 * `::panel{id="perceptron" preset="and" lr="0.5"}`. The defaults reproduce the chapter's
 * worked example: AND, η = 0.5, starting from w = (0, 0), b = 0.
 */
export const PERCEPTRON_SETTINGS = {
  preset: { kind: 'enum', default: 'and', options: PRESET_NAMES },
  lr: { kind: 'number', default: 0.5, min: 0.001, max: 5 },
  activation: { kind: 'enum', default: 'step', options: ['step', 'sign', 'sigmoid'] },
  w1: { kind: 'number', default: 0, min: -10, max: 10 },
  w2: { kind: 'number', default: 0, min: -10, max: 10 },
  b: { kind: 'number', default: 0, min: -10, max: 10 },
  seed: { kind: 'int', default: 1, min: 0, max: 2 ** 31 - 1 },
  speed: { kind: 'int', default: 4, min: 1, max: 60 },
} satisfies SettingsTable;
