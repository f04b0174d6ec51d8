import { useStore } from '../state/store';
import type { Lang } from '../state/slices/settings';

export type { Lang };
export const LANGS: Lang[] = ['zh', 'en'];

/**
 * Each module keeps its own small text table `{ zh: {...}, en: {...} }` beside its code,
 * typed so a key missing in one language is a compile error. No i18n framework needed.
 */
export type TextTable<K extends string> = Record<Lang, Record<K, string>>;

export function useLang(): Lang {
  return useStore((s) => s.settings.lang);
}

export function useText<K extends string>(table: TextTable<K>): Record<K, string> {
  return table[useLang()];
}

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
