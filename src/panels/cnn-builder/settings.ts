import type { SettingsTable } from '../settings';
import { BUILDER_PRESET_NAMES } from './presets';

/**
 * The builder's typed settings. A custom architecture travels separately as `layers`
 * (see specCode.ts), which overrides the preset when present.
 */
export const CNN_SETTINGS = {
  preset: { kind: 'enum', default: 'seed', options: BUILDER_PRESET_NAMES },
} satisfies SettingsTable;
