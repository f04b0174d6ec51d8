import { describe, expect, it } from 'vitest';
import { encodeSettings, parseSettingsTable, type SettingsTable } from './settings';

const TABLE = {
  epochs: { kind: 'int', default: 1, min: 1, max: 50 },
  lr: { kind: 'number', default: 0.001, min: 1e-6, max: 1 },
  optimizer: { kind: 'enum', default: 'adam', options: ['sgd', 'adam'] },
  shuffle: { kind: 'bool', default: true },
} satisfies SettingsTable;

describe('panel settings tables', () => {
  it('parses valid strings and keeps defaults for missing keys', () => {
    const { values, errors } = parseSettingsTable(TABLE, { epochs: '3', optimizer: 'sgd', unknown: 'x' });
    expect(errors).toEqual([]);
    expect(values).toEqual({ epochs: 3, lr: 0.001, optimizer: 'sgd', shuffle: true });
  });

  it('rejects bad values with a reason in both languages and keeps the default', () => {
    const { values, errors } = parseSettingsTable(TABLE, { epochs: '2.5', lr: '5', optimizer: 'nadam', shuffle: 'maybe' });
    expect(values).toEqual({ epochs: 1, lr: 0.001, optimizer: 'adam', shuffle: true });
    expect(errors.map((e) => e.key)).toEqual(['epochs', 'lr', 'optimizer', 'shuffle']);
    expect(errors[1].en).toContain('between 0.000001 and 1');
    expect(errors[0].zh).toContain('整数');
    expect(parseSettingsTable(TABLE, { lr: 'NaN' }).errors).toHaveLength(1);
    expect(parseSettingsTable(TABLE, { epochs: '' }).errors).toHaveLength(1);
  });

  it('encodes only what differs from the defaults, and round-trips', () => {
    const values = { epochs: 5, lr: 0.001, optimizer: 'sgd', shuffle: false };
    const enc = encodeSettings(TABLE, values);
    expect(enc).toEqual({ epochs: '5', optimizer: 'sgd', shuffle: 'false' });
    expect(parseSettingsTable(TABLE, enc).values).toEqual(values);
  });
});

describe('settings errors name fields by their visible labels', () => {
  const labels = { zh: { lr: '学习率', optimizer: '优化器', 'optimizer.sgd': '随机梯度下降', 'optimizer.adam': 'Adam' }, en: { lr: 'Learning rate', optimizer: 'Optimizer', 'optimizer.sgd': 'Plain SGD', 'optimizer.adam': 'Adam' } };
  it('uses the label and numbers written for the language, with a code for programs', () => {
    const { errors } = parseSettingsTable(TABLE, { lr: '5', optimizer: 'nadam' }, labels);
    expect(errors.map((e) => e.code)).toEqual(['out-of-range', 'not-option']);
    expect(errors[0].en).toBe('"Learning rate" must be between 0.000001 and 1 (got 5)');
    expect(errors[0].zh).toBe('“学习率”必须在 0.000001 到 1 之间（收到 5）');
    expect(errors[1].en).toBe('"Optimizer" must be one of Plain SGD / Adam (got "nadam")');
    expect(errors[1].zh).toBe('“优化器”必须是 随机梯度下降 / Adam 之一（收到 “nadam”）');
    expect(`${errors[0].en}${errors[0].zh}`).not.toMatch(/\blr\b/);
  });
});
