import { describe, expect, it } from 'vitest';
import { migratePersisted, PERSIST_VERSION } from './migrate';

describe('migratePersisted', () => {
  it('upgrades v1 state (language, readChapters) to v2', () => {
    const out = migratePersisted({ language: 'en', readChapters: ['01-neuron', 3] }, 1);
    expect(out.settings.lang).toBe('en');
    expect(out.progress.read).toEqual({ '01-neuron': true });
  });

  it('keeps valid v2 state as it is', () => {
    const state = {
      settings: { lang: 'en', backend: 'wasm', theme: 'dark' },
      progress: { read: { '02-forward': true }, quizzes: { q1: { choice: 2, correct: true } } },
    };
    expect(migratePersisted(state, PERSIST_VERSION)).toEqual(state);
  });

  it('replaces malformed fields with defaults instead of throwing', () => {
    const out = migratePersisted(
      { settings: { lang: 'fr', backend: 'cuda' }, progress: { read: 'x', quizzes: { q: { choice: 'a' } } } },
      PERSIST_VERSION,
    );
    expect(out).toEqual({ settings: { lang: 'zh', backend: 'auto', theme: 'system' }, progress: { read: {}, quizzes: {} } });
    expect(migratePersisted(null, 0).settings.lang).toBe('zh');
  });

  it('gives saves from before the theme setting (v1, early v2) the system theme, and drops unknown themes', () => {
    expect(migratePersisted({ language: 'en' }, 1).settings.theme).toBe('system');
    expect(migratePersisted({ settings: { lang: 'en', backend: 'auto' } }, 2).settings).toEqual({ lang: 'en', backend: 'auto', theme: 'system' });
    expect(migratePersisted({ settings: { theme: 'sepia' } }, PERSIST_VERSION).settings.theme).toBe('system');
    for (const theme of ['system', 'light', 'dark'] as const) {
      expect(migratePersisted({ settings: { theme } }, PERSIST_VERSION).settings.theme).toBe(theme);
    }
  });
});
