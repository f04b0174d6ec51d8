/**
 * How much to train: a quick first run by default, the seed recipe one click away.
 * The quick run's numbers are the trainer's defaults (settings.ts), so a chapter that
 * embeds the trainer without settings gets a run that ends in under a minute.
 */
export const RUN_PRESETS = {
  /** 4,500 training + 500 validation images, twice: about 140 steps, seconds on wasm. */
  quick: { subset: 5000, epochs: 2 },
  /** Every training image once: about 844 steps; README measures 43–56 s per epoch on wasm. */
  epoch: { subset: 60000, epochs: 1 },
  /** The seed CNN's course recipe (chapter 6): 10 epochs of all 60,000 images. */
  full: { subset: 60000, epochs: 10 },
} as const;

export type RunPresetId = keyof typeof RUN_PRESETS;
export const RUN_PRESET_IDS = Object.keys(RUN_PRESETS) as RunPresetId[];

/** The preset the raw epochs/subset fields describe, or null for a custom length. */
export function presetOfRaw(raw: { subset: string; epochs: string }): RunPresetId | null {
  return RUN_PRESET_IDS.find((id) => Number(raw.subset) === RUN_PRESETS[id].subset && Number(raw.epochs) === RUN_PRESETS[id].epochs) ?? null;
}
