import type { SettingsTable } from '../settings';

export const SCHEDULES = ['constant', 'step', 'exponential', 'cosine', 'cyclical'] as const;
export type ScheduleId = (typeof SCHEDULES)[number];

/**
 * `::panel{id="lr-schedules" schedule="cosine"}`. Rates are per epoch: step decay multiplies
 * by `gamma` every `stepSize` epochs, exponential by `expGamma` per epoch, cosine glides from
 * `lr` to `minLr`, the triangular cycle rises and falls between them every `halfCycle` epochs.
 */
export const LR_SCHEDULE_SETTINGS = {
  schedule: { kind: 'enum', default: 'cosine', options: SCHEDULES },
  lr: { kind: 'number', default: 0.1, min: 0.005, max: 1 },
  epochs: { kind: 'int', default: 50, min: 10, max: 200 },
  stepSize: { kind: 'int', default: 10, min: 1, max: 100 },
  gamma: { kind: 'number', default: 0.5, min: 0.05, max: 0.99 },
  expGamma: { kind: 'number', default: 0.93, min: 0.5, max: 0.999 },
  minLr: { kind: 'number', default: 0.001, min: 0, max: 0.5 },
  halfCycle: { kind: 'int', default: 5, min: 1, max: 50 },
  noise: { kind: 'number', default: 1, min: 0, max: 3 },
  compare: { kind: 'bool', default: true },
} satisfies SettingsTable;
