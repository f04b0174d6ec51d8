// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ThemeSetting } from '../state/slices/settings';
import { resolveTheme, startTheme } from './theme';

/** A tiny stand-in for the zustand store: getState + subscribe. */
function fakeStore(theme: ThemeSetting) {
  const listeners = new Set<() => void>();
  const state = { settings: { theme } };
  return {
    getState: () => state,
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
    set(t: ThemeSetting) {
      state.settings.theme = t;
      listeners.forEach((l) => l());
    },
  };
}

/** A controllable prefers-color-scheme media query (jsdom has none). */
function fakeSystem(dark: boolean) {
  const listeners = new Set<() => void>();
  const mq = { matches: dark, addEventListener: (_: string, l: () => void) => listeners.add(l), removeEventListener: (_: string, l: () => void) => listeners.delete(l) };
  window.matchMedia = ((q: string) => {
    expect(q).toBe('(prefers-color-scheme: dark)');
    return mq;
  }) as unknown as typeof window.matchMedia;
  return {
    set(d: boolean) {
      mq.matches = d;
      listeners.forEach((l) => l());
    },
    count: () => listeners.size,
  };
}

let stop: (() => void) | null = null;
afterEach(() => stop?.());
const attr = () => document.documentElement.dataset.theme;

describe('theme', () => {
  it('resolves the setting against the system preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('puts the effective theme on <html data-theme> at once and follows the setting', () => {
    fakeSystem(false);
    const store = fakeStore('dark');
    stop = startTheme(store);
    expect(attr()).toBe('dark');
    store.set('light');
    expect(attr()).toBe('light');
    store.set('system');
    expect(attr()).toBe('light');
  });

  it("follows the system's preference while the setting is 'system', and only then", () => {
    const system = fakeSystem(true);
    const store = fakeStore('system');
    stop = startTheme(store);
    expect(attr()).toBe('dark');
    system.set(false);
    expect(attr()).toBe('light');
    store.set('dark');
    system.set(true);
    system.set(false);
    expect(attr()).toBe('dark');
    stop();
    stop = null;
    expect(system.count()).toBe(0);
  });
});
