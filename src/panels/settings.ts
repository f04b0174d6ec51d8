import type { Lang } from '../state/slices/settings';
import { formatNumber } from '../ui/formatNumber';

/**
 * One typed table per panel drives its defaults, its validation, its URL/directive encoding
 * and its persisted form. Raw values are strings (Markdown attributes, URL params, inputs).
 */
export type Field =
  | { kind: 'int' | 'number'; default: number; min: number; max: number }
  | { kind: 'enum'; default: string; options: readonly string[] }
  | { kind: 'bool'; default: boolean };

export type SettingsTable = Record<string, Field>;

export type Values<T extends SettingsTable> = {
  [K in keyof T]: T[K] extends { kind: 'enum' } ? string : T[K] extends { kind: 'bool' } ? boolean : number;
};

export type SettingErrorCode = 'not-option' | 'not-bool' | 'not-int' | 'not-number' | 'out-of-range';

export interface SettingError {
  key: string;
  raw: string;
  /** What is wrong, for code (tests, highlighting); absent for a panel's own cross-field rules. */
  code?: SettingErrorCode;
  /** Why, in both languages, naming the field by its visible label, so the panel shows it in the reader's. */
  zh: string;
  en: string;
}

/** A field's visible label and its options' labels, per language (keys: setting keys and option ids). */
export type FieldLabels = Partial<Record<Lang, Partial<Record<string, string>>>>;

/** Numbers in messages as the language writes them, without rounding small limits such as 0.000001 to 0. */
const num = (v: number, lang: Lang) => formatNumber(v, lang, { maximumFractionDigits: 8 });

/**
 * The sentence for a rejected value: "Learning rate must be between 0.000001 and 1 (got 5)" /
 * "学习率必须在 0.000001 到 1 之间（收到 5）". `labels` gives the words the reader sees;
 * without one the key is used.
 */
export function settingErrorText(key: string, f: Field, code: SettingErrorCode, raw: string, lang: Lang, labels?: FieldLabels): string {
  const name = labels?.[lang]?.[key] ?? key;
  const got = raw.trim();
  if (lang === 'zh') {
    if (code === 'not-option' && f.kind === 'enum') return `“${name}”必须是 ${f.options.map((o) => labels?.zh?.[`${key}.${o}`] ?? o).join(' / ')} 之一（收到 “${got}”）`;
    if (code === 'not-bool') return `“${name}”必须是 true 或 false（收到 “${got}”）`;
    if (code === 'not-int' || code === 'not-number') return `“${name}”必须是${code === 'not-int' ? '整数' : '数字'}（收到 “${raw}”）`;
    if (f.kind === 'int' || f.kind === 'number') return `“${name}”必须在 ${num(f.min, lang)} 到 ${num(f.max, lang)} 之间（收到 ${num(Number(got), lang)}）`;
  } else {
    if (code === 'not-option' && f.kind === 'enum') return `"${name}" must be one of ${f.options.map((o) => labels?.en?.[`${key}.${o}`] ?? o).join(' / ')} (got "${got}")`;
    if (code === 'not-bool') return `"${name}" must be true or false (got "${got}")`;
    if (code === 'not-int' || code === 'not-number') return `"${name}" must be ${code === 'not-int' ? 'a whole number' : 'a number'} (got "${raw}")`;
    if (f.kind === 'int' || f.kind === 'number') return `"${name}" must be between ${num(f.min, lang)} and ${num(f.max, lang)} (got ${num(Number(got), lang)})`;
  }
  return name;
}

export function defaults<T extends SettingsTable>(table: T): Values<T> {
  return Object.fromEntries(Object.entries(table).map(([k, f]) => [k, f.default])) as Values<T>;
}

/** Parses one raw value; returns the value or an error (worded with `labels` when given). */
export function parseField(key: string, f: Field, raw: string, labels?: FieldLabels): { value: number | string | boolean } | { error: SettingError } {
  const s = raw.trim();
  const fail = (code: SettingErrorCode) => ({
    error: { key, raw, code, zh: settingErrorText(key, f, code, raw, 'zh', labels), en: settingErrorText(key, f, code, raw, 'en', labels) },
  });
  if (f.kind === 'enum') return f.options.includes(s) ? { value: s } : fail('not-option');
  if (f.kind === 'bool') {
    if (s === 'true' || s === '1') return { value: true };
    if (s === 'false' || s === '0') return { value: false };
    return fail('not-bool');
  }
  const n = s === '' ? NaN : Number(s);
  if (!Number.isFinite(n) || (f.kind === 'int' && !Number.isInteger(n))) return fail(f.kind === 'int' ? 'not-int' : 'not-number');
  if (n < f.min || n > f.max) return fail('out-of-range');
  return { value: n };
}

/**
 * Parses a whole raw record: unknown keys are ignored, bad values keep their default and report
 * an error, named by the field's visible label when `labels` has one.
 */
export function parseSettingsTable<T extends SettingsTable>(table: T, raw: Record<string, string>, labels?: FieldLabels): { values: Values<T>; errors: SettingError[] } {
  const values = defaults(table) as Record<string, unknown>;
  const errors: SettingError[] = [];
  for (const [key, f] of Object.entries(table)) {
    if (raw[key] === undefined) continue;
    const r = parseField(key, f, raw[key], labels);
    if ('error' in r) errors.push(r.error);
    else values[key] = r.value;
  }
  return { values: values as Values<T>, errors };
}

/** The inverse: only values that differ from the defaults, as strings (for URLs and directives). */
export function encodeSettings<T extends SettingsTable>(table: T, values: Values<T>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, f] of Object.entries(table)) {
    const v = (values as Record<string, unknown>)[key];
    if (v !== f.default) out[key] = String(v);
  }
  return out;
}
