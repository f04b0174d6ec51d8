/**
 * The builder's starting points, taken from the engine's presets (src/ml/model/presets.ts) so
 * the builder and chapter 7's lab start from the same networks. Setting names stay short.
 */
import { getPreset, type Preset, type PresetId } from '../../ml/model/presets';
import type { ModelSpec } from '../../ml/model/spec';

const IDS = { mlp: 'mlp', seed: 'seedCnn', deep: 'deepCnn' } as const satisfies Record<string, PresetId>;

export type BuilderPreset = keyof typeof IDS;
/** Simplest to strongest, as the buttons show them. */
export const BUILDER_PRESET_NAMES = Object.keys(IDS) as BuilderPreset[];

export const presetInfo = (p: BuilderPreset): Preset => getPreset(IDS[p]);

export const BUILDER_PRESETS = Object.fromEntries(BUILDER_PRESET_NAMES.map((p) => [p, presetInfo(p).spec])) as Record<BuilderPreset, ModelSpec>;
