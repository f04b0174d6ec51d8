import type { SettingsTable } from '../settings';

/** The evaluation panel: how many test images to evaluate (all 10,000 by default; fewer on slow machines). */
export const EVAL_SETTINGS = {
  limit: { kind: 'int', default: 10000, min: 100, max: 10000 },
} satisfies SettingsTable;
