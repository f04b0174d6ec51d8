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

export interface SettingError {
  key: string;
  raw: string;
  /** Why, in both languages, so the panel shows it in the reader's. */
  zh: string;
  en: string;
}

export function defaults<T extends SettingsTable>(table: T): Values<T> {
  return Object.fromEntries(Object.entries(table).map(([k, f]) => [k, f.default])) as Values<T>;
}

/** Parses one raw value; returns the value or an error. */
export function parseField(key: string, f: Field, raw: string): { value: number | string | boolean } | { error: SettingError } {
  const s = raw.trim();
  if (f.kind === 'enum') {
    if (f.options.includes(s)) return { value: s };
    return { error: { key, raw, zh: `“${key}”必须是 ${f.options.join(' / ')} 之一`, en: `"${key}" must be one of ${f.options.join(' / ')}` } };
  }
  if (f.kind === 'bool') {
    if (s === 'true' || s === '1') return { value: true };
    if (s === 'false' || s === '0') return { value: false };
    return { error: { key, raw, zh: `“${key}”必须是 true 或 false`, en: `"${key}" must be true or false` } };
  }
  const n = s === '' ? NaN : Number(s);
  if (!Number.isFinite(n) || (f.kind === 'int' && !Number.isInteger(n))) {
    const what = f.kind === 'int' ? { zh: '整数', en: 'a whole number' } : { zh: '数字', en: 'a number' };
    return { error: { key, raw, zh: `“${key}”必须是${what.zh}（收到 “${raw}”）`, en: `"${key}" must be ${what.en} (got "${raw}")` } };
  }
  if (n < f.min || n > f.max) {
    return { error: { key, raw, zh: `“${key}”必须在 ${f.min} 到 ${f.max} 之间（收到 ${n}）`, en: `"${key}" must be between ${f.min} and ${f.max} (got ${n})` } };
  }
  return { value: n };
}

/** Parses a whole raw record: unknown keys are ignored, bad values keep their default and report an error. */
export function parseSettingsTable<T extends SettingsTable>(table: T, raw: Record<string, string>): { values: Values<T>; errors: SettingError[] } {
  const values = defaults(table) as Record<string, unknown>;
  const errors: SettingError[] = [];
  for (const [key, f] of Object.entries(table)) {
    if (raw[key] === undefined) continue;
    const r = parseField(key, f, raw[key]);
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
