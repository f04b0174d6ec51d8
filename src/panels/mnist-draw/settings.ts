import type { SettingsTable } from '../settings';

/** The drawing panel: pen width in canvas pixels (the canvas is 280×280), and whether to show the naive resize beside. */
export const DRAW_SETTINGS = {
  pen: { kind: 'int', default: 22, min: 6, max: 48 },
  compare: { kind: 'bool', default: false },
} satisfies SettingsTable;
