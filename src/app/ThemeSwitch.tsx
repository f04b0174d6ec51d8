import { THEME_SETTINGS, type ThemeSetting } from '../state/slices/settings';
import { useStore } from '../state/store';
import { useText, type TextTable } from './i18n';
import './ThemeSwitch.css';

const TEXT: TextTable<'label' | ThemeSetting> = {
  zh: { label: '配色', system: '跟随系统', light: '浅色', dark: '深色' },
  en: { label: 'Colour theme', system: 'System', light: 'Light', dark: 'Dark' },
};

/**
 * Light, dark, or whatever the system prefers; kept in settings (persisted). src/ui/theme.ts
 * turns the setting into `<html data-theme>`.
 */
export function ThemeSwitch() {
  const t = useText(TEXT);
  const theme = useStore((s) => s.settings.theme);
  const setTheme = useStore((s) => s.setTheme);
  return (
    <label className="theme-switch">
      <span className="theme-switch-icon" aria-hidden="true">
        ◐
      </span>
      <span className="theme-switch-label">{t.label}</span>
      <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeSetting)} data-testid="theme-switch">
        {THEME_SETTINGS.map((v) => (
          <option key={v} value={v}>
            {t[v]}
          </option>
        ))}
      </select>
    </label>
  );
}
