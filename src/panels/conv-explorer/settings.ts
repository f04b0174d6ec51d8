import { KERNEL_PRESET_NAMES } from '../../ml/teach/conv';
import type { SettingsTable } from '../settings';

/** The convolution explorer's settings (directive attributes / embed URL). */
export const CONV_SETTINGS = {
  kernel: { kind: 'enum', default: 'edge-x', options: KERNEL_PRESET_NAMES },
  stride: { kind: 'int', default: 1, min: 1, max: 3 },
  padding: { kind: 'enum', default: 'valid', options: ['valid', 'same'] },
  relu: { kind: 'bool', default: false },
  pool: { kind: 'enum', default: 'none', options: ['none', 'max', 'avg'] },
  /** Which digit class to show (the first MNIST test example of that class). */
  digit: { kind: 'int', default: 7, min: 0, max: 9 },
} satisfies SettingsTable;
