import { BACKENDS, type BackendChoice } from '../worker/protocol';
import type { ProgressSlice } from './slices/progress';
import { THEME_SETTINGS, type SettingsSlice, type ThemeSetting } from './slices/settings';

export const PERSIST_VERSION = 2;

export interface PersistedState {
  settings: SettingsSlice['settings'];
  progress: ProgressSlice['progress'];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Turns whatever was saved (any version, possibly hand-edited) into valid state.
 * v1 stored `language` and `readChapters: string[]`; v2 has `settings.lang` and `progress.read`.
 * Unknown or malformed fields fall back to defaults rather than throwing.
 * `settings.theme` was added within v2 without a version bump: it is additive, and a save
 * without it (or with a bad value) simply means 'system'.
 */
export function migratePersisted(raw: unknown, version: number): PersistedState {
  const s = isObj(raw) ? raw : {};
  const settingsIn = isObj(s.settings) ? s.settings : {};
  const progressIn = isObj(s.progress) ? s.progress : {};
  const lang = version < 2 ? s.language : settingsIn.lang;
  const backend = settingsIn.backend;
  const theme = settingsIn.theme;
  const read: Record<string, true> = {};
  const readIn = version < 2 ? s.readChapters : progressIn.read;
  if (Array.isArray(readIn)) for (const slug of readIn) if (typeof slug === 'string') read[slug] = true;
  if (isObj(readIn)) for (const [slug, v] of Object.entries(readIn)) if (v === true) read[slug] = true;
  const quizzes: PersistedState['progress']['quizzes'] = {};
  if (isObj(progressIn.quizzes)) {
    for (const [id, a] of Object.entries(progressIn.quizzes)) {
      if (isObj(a) && Number.isInteger(a.choice) && typeof a.correct === 'boolean') {
        quizzes[id] = { choice: a.choice as number, correct: a.correct };
      }
    }
  }
  return {
    settings: {
      lang: lang === 'en' ? 'en' : 'zh',
      backend: (BACKENDS as readonly string[]).includes(backend as string) ? (backend as BackendChoice) : 'auto',
      theme: (THEME_SETTINGS as readonly string[]).includes(theme as string) ? (theme as ThemeSetting) : 'system',
    },
    progress: { read, quizzes },
  };
}
