import { SURFACE_IDS } from '../../ml/teach/surfaces';
import type { SettingsTable } from '../settings';

/**
 * `::panel{id="optimizer-race" surface="rosenbrock"}`. Each optimizer can be switched off
 * (e.g. `momentum="false"`); `lrScale` multiplies every learning rate; `speed` is steps per
 * animation frame.
 */
export const RACE_SETTINGS = {
  surface: { kind: 'enum', default: 'rosenbrock', options: SURFACE_IDS },
  gd: { kind: 'bool', default: true },
  sgd: { kind: 'bool', default: true },
  momentum: { kind: 'bool', default: true },
  adagrad: { kind: 'bool', default: true },
  rmsprop: { kind: 'bool', default: true },
  adam: { kind: 'bool', default: true },
  lrScale: { kind: 'number', default: 1, min: 0.1, max: 10 },
  speed: { kind: 'int', default: 3, min: 1, max: 50 },
  seed: { kind: 'int', default: 1, min: 0, max: 2 ** 31 - 1 },
} satisfies SettingsTable;
