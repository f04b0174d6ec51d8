import type { StateCreator } from 'zustand';
import type { BackendChoice } from '../../worker/protocol';
import type { Store } from '../store';
import { browserLang } from '../browserLang';

export type Lang = 'zh' | 'en';
/** 'system' follows the browser's prefers-color-scheme; the other two override it. */
export type ThemeSetting = 'system' | 'light' | 'dark';
export const THEME_SETTINGS: readonly ThemeSetting[] = ['system', 'light', 'dark'];

export interface SettingsSlice {
  settings: { lang: Lang; backend: BackendChoice; theme: ThemeSetting };
  setLang(lang: Lang): void;
  setBackendChoice(backend: BackendChoice): void;
  setTheme(theme: ThemeSetting): void;
}

export const createSettingsSlice: StateCreator<Store, [], [], SettingsSlice> = (set) => ({
  // No saved settings yet: the browser's language (a saved choice replaces it on load).
  settings: { lang: browserLang(), backend: 'auto', theme: 'system' },
  setLang: (lang) => set((s) => ({ settings: { ...s.settings, lang } })),
  setBackendChoice: (backend) => set((s) => ({ settings: { ...s.settings, backend } })),
  setTheme: (theme) => set((s) => ({ settings: { ...s.settings, theme } })),
});
