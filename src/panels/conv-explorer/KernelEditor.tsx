import type { KeyboardEvent } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import { KERNEL_PRESET_NAMES, type KernelPreset } from '../../ml/teach/conv';
import { fmtNum } from './format';

type PresetKey = KernelPreset | 'custom';

const TEXT: TextTable<PresetKey | 'kernel' | 'preset' | 'cell' | 'sum' | 'flip' | 'flipHint' | 'bad' | 'keys'> = {
  zh: {
    identity: '恒等', 'edge-x': '边缘 x（Sobel）', 'edge-y': '边缘 y（Sobel）', laplacian: '拉普拉斯', outline: '轮廓',
    blur: '均值模糊', gaussian: '高斯模糊', sharpen: '锐化', emboss: '浮雕', custom: '自定义',
    kernel: '3×3 卷积核', preset: '预设', cell: '第 {r} 行第 {c} 列的权重', sum: '权重之和',
    flip: '旋转 180°', flipHint: '真正的卷积 = 用旋转 180° 的核做互相关', bad: '第 {r} 行第 {c} 列不是数字，暂用 {v}',
    keys: '可输入小数或分数（如 1/9）；↑/↓ 加减 1，按住 Shift 加减 0.1',
  },
  en: {
    identity: 'identity', 'edge-x': 'edge x (Sobel)', 'edge-y': 'edge y (Sobel)', laplacian: 'Laplacian', outline: 'outline',
    blur: 'box blur', gaussian: 'Gaussian blur', sharpen: 'sharpen', emboss: 'emboss', custom: 'custom',
    kernel: '3×3 kernel', preset: 'Preset', cell: 'Weight, row {r}, column {c}', sum: 'Sum of weights',
    flip: 'Rotate 180°', flipHint: 'True convolution = cross-correlation with the kernel rotated 180°', bad: 'Row {r}, column {c} is not a number; using {v}',
    keys: 'Decimals or fractions (e.g. 1/9); ↑/↓ add or subtract 1, with Shift 0.1',
  },
};

/** The editable 3×3 kernel: a preset menu, nine text cells (decimals or fractions) and a flip button. */
export function KernelEditor(props: {
  cells: string[];
  weights: number[];
  invalid: boolean[];
  preset: PresetKey;
  onCell(index: number, text: string): void;
  onPreset(name: KernelPreset): void;
  onFlip(): void;
}) {
  const t = useText(TEXT);
  const sum = props.weights.reduce((a, b) => a + b, 0);
  const step = (i: number, e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const d = (e.key === 'ArrowUp' ? 1 : -1) * (e.shiftKey ? 0.1 : 1);
    // Round away float dust (0.1 + 0.2) so the cell shows what a person would type.
    props.onCell(i, String(Math.round((props.weights[i] + d) * 1e6) / 1e6));
  };
  return (
    <fieldset className="conv-kernel">
      <legend>{t.kernel}</legend>
      <label className="conv-field">
        <span>{t.preset}</span>
        <select
          value={props.preset}
          onChange={(e) => e.target.value !== 'custom' && props.onPreset(e.target.value as KernelPreset)}
          data-testid="conv-kernel-preset"
        >
          {KERNEL_PRESET_NAMES.map((n) => (
            <option key={n} value={n}>
              {t[n]}
            </option>
          ))}
          {props.preset === 'custom' ? <option value="custom">{t.custom}</option> : null}
        </select>
      </label>
      <div className="conv-kernel-grid" role="group" aria-label={t.kernel}>
        {props.cells.map((text, i) => {
          const r = Math.floor(i / 3) + 1;
          const c = (i % 3) + 1;
          const w = props.weights[i];
          return (
            <input
              key={i}
              value={text}
              inputMode="decimal"
              aria-label={fmt(t.cell, { r, c })}
              aria-invalid={props.invalid[i]}
              className={w > 0 ? 'w-pos' : w < 0 ? 'w-neg' : 'w-zero'}
              onChange={(e) => props.onCell(i, e.target.value)}
              onKeyDown={(e) => step(i, e)}
              data-testid={`conv-kernel-${i}`}
            />
          );
        })}
      </div>
      <p className="conv-kernel-sum">
        {t.sum}: <strong data-testid="conv-kernel-sum">{fmtNum(sum, 3)}</strong>
      </p>
      <button type="button" onClick={props.onFlip} title={t.flipHint}>
        {t.flip}
      </button>
      <p className="muted conv-small">{t.flipHint}</p>
      {props.invalid.map((bad, i) =>
        bad ? (
          <p key={i} className="conv-warn" role="status">
            {fmt(t.bad, { r: Math.floor(i / 3) + 1, c: (i % 3) + 1, v: fmtNum(props.weights[i], 3) })}
          </p>
        ) : null,
      )}
      <p className="muted conv-small">{t.keys}</p>
    </fieldset>
  );
}
