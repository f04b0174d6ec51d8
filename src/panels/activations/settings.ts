import { ACTIVATION_NAMES } from '../../ml/teach/activations';
import type { SettingsTable } from '../settings';

/** `::panel{id="activations" fn="relu"}`; α values default to the chapter's typical ones. */
export const ACTIVATIONS_SETTINGS = {
  fn: { kind: 'enum', default: 'relu', options: ACTIVATION_NAMES },
  derivative: { kind: 'bool', default: true },
  compare: { kind: 'bool', default: false },
  x: { kind: 'number', default: 1, min: -5, max: 5 },
  leakyAlpha: { kind: 'number', default: 0.01, min: 0, max: 0.5 },
  eluAlpha: { kind: 'number', default: 1, min: 0.1, max: 2 },
  T: { kind: 'number', default: 1, min: 0.05, max: 20 },
} satisfies SettingsTable;
