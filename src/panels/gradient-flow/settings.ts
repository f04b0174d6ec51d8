import { ACTIVATIONS, INITS } from '../../ml/teach/gradientFlow';
import type { SettingsTable } from '../settings';

/** `::panel{id="gradient-flow" depth="10" activation="sigmoid" init="xavier"}` */
export const GRADIENT_FLOW_SETTINGS = {
  depth: { kind: 'int', default: 10, min: 2, max: 30 },
  activation: { kind: 'enum', default: 'sigmoid', options: ACTIVATIONS },
  init: { kind: 'enum', default: 'xavier', options: INITS },
  width: { kind: 'int', default: 32, min: 4, max: 64 },
  seed: { kind: 'int', default: 1, min: 0, max: 2 ** 31 - 1 },
} satisfies SettingsTable;
