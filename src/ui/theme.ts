import { useMemo, useSyncExternalStore } from 'react';
import type { ThemeSetting } from '../state/slices/settings';

/**
 * Light and dark themes. The effective theme lives on `<html data-theme="light|dark">`; every
 * colour is a CSS custom property in styles.css (`:root` and `:root[data-theme='dark']`), so CSS
 * follows the attribute by itself. Code that paints with JavaScript (canvases, uPlot, SVG
 * attributes) reads the same properties through `useThemeColors()` and re-renders when the
 * theme changes: one table of colours, in the stylesheet.
 */
export type Theme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(setting: ThemeSetting, systemDark: boolean): Theme {
  if (setting === 'light' || setting === 'dark') return setting;
  return systemDark ? 'dark' : 'light';
}

let current: Theme = 'light';
const listeners = new Set<() => void>();

/** Sets the attribute first, then tells subscribers, so they read the new CSS values. */
function apply(theme: Theme) {
  const root = document.documentElement;
  if (root.dataset.theme === theme && current === theme) return;
  current = theme;
  root.dataset.theme = theme;
  for (const l of listeners) l();
}

interface ThemeSource {
  getState(): { settings: { theme: ThemeSetting } };
  subscribe(listener: () => void): () => void;
}

/**
 * Keeps `<html data-theme>` equal to the reader's setting, or to the system's preference when
 * the setting is 'system'. Call once before the first render (no flash of the wrong theme).
 */
export function startTheme(store: ThemeSource): () => void {
  const mq = typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null;
  const update = () => apply(resolveTheme(store.getState().settings.theme, mq?.matches ?? false));
  update();
  const unsubscribe = store.subscribe(update);
  mq?.addEventListener('change', update);
  return () => {
    unsubscribe();
    mq?.removeEventListener('change', update);
  };
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The effective theme; components that paint with JavaScript re-render when it changes. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, () => current, () => 'light');
}

/** CSS custom property behind each drawing colour (values in styles.css, per theme). */
const VARS = {
  bg: '--bg',
  surface: '--surface',
  ink: '--ink',
  muted: '--muted',
  line: '--line',
  accent: '--accent',
  focus: '--focus',
  plotBg: '--plot-bg',
  plotFrame: '--plot-frame',
  plotGrid: '--plot-grid',
  plotAxis: '--plot-axis',
  blue: '--series-blue',
  blueSoft: '--series-blue-soft',
  red: '--series-red',
  redSoft: '--series-red-soft',
  green: '--series-green',
  orange: '--series-orange',
  orangeSoft: '--series-orange-soft',
  purple: '--series-purple',
  teal: '--series-teal',
  pink: '--series-pink',
  olive: '--series-olive',
  grey: '--series-grey',
  brown: '--series-brown',
} as const;

export type ThemeColors = Record<keyof typeof VARS, string> & { theme: Theme };

/** Reads every drawing colour of the current theme from the document's stylesheet. */
export function readThemeColors(theme: Theme = current): ThemeColors {
  const style = typeof getComputedStyle === 'function' ? getComputedStyle(document.documentElement) : null;
  const out = { theme } as ThemeColors;
  for (const [key, name] of Object.entries(VARS) as [keyof typeof VARS, string][]) {
    // Grey only where no stylesheet is loaded (unit tests in jsdom).
    out[key] = style?.getPropertyValue(name).trim() || '#808080';
  }
  return out;
}

export function useThemeColors(): ThemeColors {
  const theme = useTheme();
  return useMemo(() => readThemeColors(theme), [theme]);
}
