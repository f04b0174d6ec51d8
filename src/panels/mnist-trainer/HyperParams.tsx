import type { ReactNode } from 'react';
import { useLang, useText, type TextTable } from '../../app/i18n';
import { OPTIMIZER_LABEL, optionLabel, SCHEDULE_LABEL, withOptions } from '../../ui/optionLabels';
import { parseField } from '../settings';
import { TRAINER_SETTINGS, type TrainerKey } from './settings';

const TEXT: TextTable<TrainerKey | 'more' | 'schedGroup' | 'valGroup' | 'esGroup' | 'all' | 'schedHint' | 'esHint' | 'valHint' | 'optHint'> = {
  zh: {
    epochs: '轮数', subset: '使用的训练图像数', batchSize: '批大小', lr: '学习率', optimizer: '优化器', schedule: '学习率调度',
    stepSize: '间隔（轮）', gamma: '衰减系数 γ', minLr: '最小学习率', validationSplit: '验证集比例', seed: '随机种子',
    earlyStopping: '启用提前停止', patience: '耐心（轮）', minDelta: '最小改进',
    more: '更多设置：学习率调度、验证集、随机种子、提前停止', schedGroup: '学习率调度', valGroup: '验证与可复现', esGroup: '提前停止',
    all: '60000 = 全部', schedHint: '每一步的学习率随训练进度变化（第 4 章）。', esHint: '验证损失连续“耐心”轮没有至少改进“最小改进”时停止。',
    valHint: '从训练图像中随机留出的比例，只用来评估；种子决定划分、打乱顺序、初始权重和 dropout。', optHint: 'Adam 在 0.001 是稳妥的默认值；纯 SGD 在同样的学习率下慢得多。',
  },
  en: {
    epochs: 'Epochs', subset: 'Training images used', batchSize: 'Batch size', lr: 'Learning rate', optimizer: 'Optimizer', schedule: 'LR schedule',
    stepSize: 'Step (epochs)', gamma: 'Decay factor γ', minLr: 'Minimum LR', validationSplit: 'Validation split', seed: 'Random seed',
    earlyStopping: 'Stop early', patience: 'Patience (epochs)', minDelta: 'Minimum improvement',
    more: 'More settings: LR schedule, validation, seed, early stopping', schedGroup: 'Learning-rate schedule', valGroup: 'Validation and reproducibility',
    esGroup: 'Early stopping', all: '60000 = all', schedHint: 'The learning rate of each step follows the schedule (chapter 4).',
    esHint: 'Stops when the validation loss has not improved by the minimum improvement for “patience” epochs.',
    valHint: 'The share of training images held out for evaluation only; the seed fixes the split, the shuffling, the initial weights and dropout.',
    optHint: 'Adam at 0.001 is a safe default; plain SGD is much slower at the same rate.',
  },
};

/** Option words per select (never the raw ids). */
const OPTION_LABELS = { optimizer: OPTIMIZER_LABEL, schedule: SCHEDULE_LABEL };

/** Visible field and option labels: settings errors name fields the way the form does. */
export const TRAINER_LABELS = withOptions(TEXT, OPTION_LABELS);

const SCHEDULE_FIELDS: Record<string, TrainerKey[]> = {
  constant: [],
  step: ['stepSize', 'gamma'],
  exponential: ['gamma'],
  cosine: ['minLr'],
  cyclical: ['minLr', 'stepSize'],
};

/** Every TrainConfig hyperparameter as a labelled, validated input (data-testid `setting-<key>`). */
export function HyperParams(props: { raw: Record<TrainerKey, string>; onChange(key: TrainerKey, value: string): void; disabled: boolean }) {
  const t = useText(TEXT);
  const lang = useLang();
  const { raw } = props;
  const field = (k: TrainerKey, hint?: string): ReactNode => {
    const f = TRAINER_SETTINGS[k];
    const bad = 'error' in parseField(k, f, raw[k]);
    let input: ReactNode;
    if (f.kind === 'enum') {
      input = (
        <select value={raw[k]} onChange={(e) => props.onChange(k, e.target.value)} data-testid={`setting-${k}`} disabled={props.disabled}>
          {f.options.map((o) => (
            <option key={o} value={o}>
              {k in OPTION_LABELS ? optionLabel(OPTION_LABELS[k as keyof typeof OPTION_LABELS], lang, o) : o}
            </option>
          ))}
        </select>
      );
    } else if (f.kind === 'bool') {
      return (
        <label key={k} className="hp-check">
          <input
            type="checkbox"
            checked={raw[k] === 'true'}
            onChange={(e) => props.onChange(k, String(e.target.checked))}
            data-testid={`setting-${k}`}
            disabled={props.disabled}
          />
          <span>{t[k]}</span>
        </label>
      );
    } else {
      input = (
        <input
          inputMode="decimal"
          value={raw[k]}
          aria-invalid={bad}
          title={hint}
          onChange={(e) => props.onChange(k, e.target.value)}
          data-testid={`setting-${k}`}
          disabled={props.disabled}
        />
      );
    }
    return (
      <label key={k}>
        <span>{t[k]}</span>
        {input}
        {hint ? <small className="hp-hint">{hint}</small> : null}
      </label>
    );
  };
  const es = raw.earlyStopping === 'true';
  return (
    <form className="hp" onSubmit={(e) => e.preventDefault()}>
      <div className="settings-grid">
        {field('epochs')}
        {field('subset', t.all)}
        {field('batchSize')}
        {field('lr')}
        {field('optimizer')}
      </div>
      <details className="hp-more">
        <summary>{t.more}</summary>
        <fieldset className="hp-group">
          <legend>{t.schedGroup}</legend>
          <div className="settings-grid">
            {field('schedule')}
            {(SCHEDULE_FIELDS[raw.schedule] ?? []).map((k) => field(k))}
          </div>
          <p className="hp-note">{t.schedHint}</p>
        </fieldset>
        <fieldset className="hp-group">
          <legend>{t.valGroup}</legend>
          <div className="settings-grid">
            {field('validationSplit')}
            {field('seed')}
          </div>
          <p className="hp-note">{t.valHint}</p>
        </fieldset>
        <fieldset className="hp-group">
          <legend>{t.esGroup}</legend>
          <div className="settings-grid">
            {field('earlyStopping')}
            {es ? field('patience') : null}
            {es ? field('minDelta') : null}
          </div>
          <p className="hp-note">{t.esHint}</p>
        </fieldset>
        <p className="hp-note">{t.optHint}</p>
      </details>
    </form>
  );
}
