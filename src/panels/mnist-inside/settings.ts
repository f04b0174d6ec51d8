import type { SettingsTable } from '../settings';

/** The inside-the-network panel: which test digit class is shown first. */
export const INSIDE_SETTINGS = {
  digit: { kind: 'int', default: 7, min: 0, max: 9 },
} satisfies SettingsTable;
