import type { SettingError, SettingsTable } from '../settings';

/**
 * `::panel{id="loss-explorer" loss="bce"}`. `y` and `yhat` are the target and prediction for
 * MSE/BCE (BCE needs y in [0, 1] and ŷ in (0, 1)); `target` and `z1..z3` drive the 3-class
 * cross-entropy (defaults: the chapter's logits (2, 1, 0.1), class 1); `z` is the logit of the
 * sigmoid comparison (default: the chapter's confidently wrong z = −5).
 */
export const LOSS_SETTINGS = {
  loss: { kind: 'enum', default: 'bce', options: ['mse', 'bce', 'cce'] },
  y: { kind: 'number', default: 1, min: -2, max: 2 },
  yhat: { kind: 'number', default: 0.3, min: -3, max: 3 },
  target: { kind: 'int', default: 1, min: 1, max: 3 },
  z1: { kind: 'number', default: 2, min: -6, max: 6 },
  z2: { kind: 'number', default: 1, min: -6, max: 6 },
  z3: { kind: 'number', default: 0.1, min: -6, max: 6 },
  z: { kind: 'number', default: -5, min: -8, max: 8 },
} satisfies SettingsTable;

/** Cross-field rules the table can't express: BCE's target and prediction ranges. */
export function bceRangeErrors(loss: string, y: number, yhat: number, given: Record<string, string>): SettingError[] {
  if (loss !== 'bce') return [];
  const out: SettingError[] = [];
  if (given.y !== undefined && (y < 0 || y > 1)) out.push({ key: 'y', raw: given.y, zh: `使用 bce 时 “y” 必须在 0 到 1 之间（收到 ${y}）`, en: `with bce, "y" must be between 0 and 1 (got ${y})` });
  if (given.yhat !== undefined && (yhat <= 0 || yhat >= 1)) out.push({ key: 'yhat', raw: given.yhat, zh: `使用 bce 时 “yhat” 必须在 0 和 1 之间（不含端点，收到 ${yhat}）`, en: `with bce, "yhat" must be strictly between 0 and 1 (got ${yhat})` });
  return out;
}
