import type { SettingsTable } from '../settings';
import { GRAPH_IDS } from './graphs';

/**
 * `::panel{id="backprop-graph" graph="linear"}`. The default graph is chapter 5's running
 * example L = (wx + b − y)² with x = 2, w = 3, b = −1, y = 4; `lr` is the step size of the
 * "one gradient-descent step" button and `h` the gradient check's finite-difference step.
 */
export const BACKPROP_SETTINGS = {
  graph: { kind: 'enum', default: 'linear', options: GRAPH_IDS },
  lr: { kind: 'number', default: 0.1, min: 0.001, max: 2 },
  h: { kind: 'number', default: 0.00001, min: 1e-9, max: 0.5 },
} satisfies SettingsTable;
