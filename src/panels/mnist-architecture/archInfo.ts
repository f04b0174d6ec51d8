/** Names the lab's architectures: which preset a spec is (if any) and its parameter count. */
import type { TextTable } from '../../app/i18n';
import { analyzeSpec } from '../../ml/model/analyze';
import { getPreset, type PresetId } from '../../ml/model/presets';
import type { ModelSpec } from '../../ml/model/spec';

/** The lab slice's preset names (directive `preset="…"`) and the presets module's ids. */
export const LAB_PRESETS = { seed: 'seedCnn', mlp: 'mlp', deep: 'deepCnn' } as const satisfies Record<string, PresetId>;
export type LabPreset = keyof typeof LAB_PRESETS;
export const LAB_PRESET_NAMES = Object.keys(LAB_PRESETS) as LabPreset[];

export const PRESET_LABEL: TextTable<LabPreset | 'custom'> = {
  zh: { seed: '种子 CNN', mlp: '多层感知机', deep: '更深的 CNN', custom: '自定义' },
  en: { seed: 'seed CNN', mlp: 'MLP', deep: 'deeper CNN', custom: 'custom' },
};

export const presetSpec = (p: LabPreset): ModelSpec => getPreset(LAB_PRESETS[p]).spec;

const key = (s: ModelSpec) => JSON.stringify({ i: s.init ?? 'glorotUniform', l: s.layers });

/** Which preset a spec is exactly, or 'custom'. */
export function presetOf(spec: ModelSpec): LabPreset | 'custom' {
  const k = key(spec);
  return LAB_PRESET_NAMES.find((p) => key(presetSpec(p)) === k) ?? 'custom';
}

export function paramsOf(spec: ModelSpec): number {
  return analyzeSpec(spec).totalParams;
}
