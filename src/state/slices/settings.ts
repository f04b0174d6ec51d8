import type { StateCreator } from 'zustand';
import type { BackendChoice } from '../../worker/protocol';
import type { Store } from '../store';

export type Lang = 'zh' | 'en';

export interface SettingsSlice {
  settings: { lang: Lang; backend: BackendChoice };
  setLang(lang: Lang): void;
  setBackendChoice(backend: BackendChoice): void;
}

export const createSettingsSlice: StateCreator<Store, [], [], SettingsSlice> = (set) => ({
  settings: { lang: 'zh', backend: 'auto' },
  setLang: (lang) => set((s) => ({ settings: { ...s.settings, lang } })),
  setBackendChoice: (backend) => set((s) => ({ settings: { ...s.settings, backend } })),
});
