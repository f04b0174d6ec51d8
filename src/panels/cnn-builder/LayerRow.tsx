import type { ReactNode } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import type { Activation, LayerSpec, LayerType, Padding } from '../../ml/model/spec';
import { ErrorBox } from '../../ui/ErrorBox';
import { ACTIVATION_LABEL, PADDING_LABEL } from '../../ui/optionLabels';
import { fmtInt, paramFormula, shapeText, type LayerView } from './layers';

export const LAYER_NAMES: TextTable<LayerType> = {
  zh: { conv2d: '卷积 Conv2D', maxPool: '最大池化', avgPool: '平均池化', flatten: '展平 Flatten', dense: '全连接 Dense', dropout: 'Dropout', batchNorm: '批归一化 BN', activation: '激活层' },
  en: { conv2d: 'Conv2D', maxPool: 'Max pooling', avgPool: 'Average pooling', flatten: 'Flatten', dense: 'Dense', dropout: 'Dropout', batchNorm: 'Batch norm', activation: 'Activation' },
};

const TEXT: TextTable<'filters' | 'kernel' | 'stride' | 'padding' | 'activation' | 'pool' | 'units' | 'rate' | 'up' | 'down' | 'remove' | 'layer' | 'keeps' | 'bnNote' | 'assumed'> = {
  zh: {
    filters: '卷积核数', kernel: '核大小', stride: '步幅', padding: '填充', activation: '激活', pool: '窗口', units: '单元数', rate: '丢弃率',
    up: '把第 {n} 层上移', down: '把第 {n} 层下移', remove: '删除第 {n} 层', layer: '第 {n} 层', keeps: '不改变形状',
    bnNote: '其中一半（γ、β）可训练', assumed: '假设去掉出错的层后推算',
  },
  en: {
    filters: 'filters', kernel: 'kernel', stride: 'stride', padding: 'padding', activation: 'activation', pool: 'window', units: 'units', rate: 'rate',
    up: 'Move layer {n} up', down: 'Move layer {n} down', remove: 'Remove layer {n}', layer: 'Layer {n}', keeps: 'keeps the shape',
    bnNote: 'half of them (γ, β) trainable', assumed: 'computed as if the broken layers were removed',
  },
};

const ACTS: Activation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'leakyRelu'];

function Num(props: { label: string; value: number; min: number; max: number; step?: number; onChange(v: number): void; testId?: string }) {
  return (
    <label className="cnn-ctl">
      <span>{props.label}</span>
      <input
        type="number"
        value={Number.isFinite(props.value) ? props.value : ''}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        onChange={(e) => props.onChange(e.target.value === '' ? NaN : Number(e.target.value))}
        data-testid={props.testId}
      />
    </label>
  );
}

/** A select whose options read as words (`words`), not as the spec's ids. */
function Pick<T extends string>(props: { label: string; value: T; options: readonly T[]; words: Record<T, string>; onChange(v: T): void; testId?: string }) {
  return (
    <label className="cnn-ctl">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as T)} data-testid={props.testId}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.words[o] ?? o}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One layer: its editable settings, output shape, parameter count (with the formula) and move/remove buttons. */
export function LayerRow(props: {
  index: number;
  count: number;
  layer: LayerSpec;
  view: LayerView;
  inShape: number[] | null;
  onChange(l: LayerSpec): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  rowId: number;
}) {
  const t = useText(TEXT);
  const names = useText(LAYER_NAMES);
  const actWords = useText(ACTIVATION_LABEL);
  const padWords = useText(PADDING_LABEL);
  const lang = useLang();
  const { layer: l, index: i } = props;
  const n = i + 1;
  const id = `cnn-${i}`;
  const set = (patch: Partial<LayerSpec>) => props.onChange({ ...l, ...patch } as LayerSpec);
  let controls: ReactNode = null;
  switch (l.type) {
    case 'conv2d':
      controls = (
        <>
          <Num label={t.filters} value={l.filters} min={1} max={512} onChange={(v) => set({ filters: v })} testId={`${id}-filters`} />
          <Num label={t.kernel} value={l.kernelSize} min={1} max={28} onChange={(v) => set({ kernelSize: v })} testId={`${id}-kernel`} />
          <Num label={t.stride} value={l.strides ?? 1} min={1} max={4} onChange={(v) => set({ strides: v })} testId={`${id}-stride`} />
          <Pick<Padding> label={t.padding} value={l.padding ?? 'valid'} options={['valid', 'same']} words={padWords} onChange={(v) => set({ padding: v })} testId={`${id}-padding`} />
          <Pick<Activation> label={t.activation} value={l.activation ?? 'linear'} options={ACTS} words={actWords} onChange={(v) => set({ activation: v })} />
        </>
      );
      break;
    case 'maxPool':
    case 'avgPool':
      controls = (
        <>
          <Num label={t.pool} value={l.poolSize} min={1} max={28} onChange={(v) => set({ poolSize: v, strides: v })} testId={`${id}-pool`} />
          <Num label={t.stride} value={l.strides ?? l.poolSize} min={1} max={28} onChange={(v) => set({ strides: v })} />
        </>
      );
      break;
    case 'dense':
      controls = (
        <>
          <Num label={t.units} value={l.units} min={1} max={4096} onChange={(v) => set({ units: v })} testId={`${id}-units`} />
          <Pick<Activation> label={t.activation} value={l.activation ?? 'linear'} options={ACTS} words={actWords} onChange={(v) => set({ activation: v })} />
        </>
      );
      break;
    case 'dropout':
      controls = <Num label={t.rate} value={l.rate} min={0} max={0.95} step={0.05} onChange={(v) => set({ rate: v })} />;
      break;
    case 'activation':
      controls = <Pick<Activation> label={t.activation} value={l.activation} options={ACTS} words={actWords} onChange={(v) => set({ activation: v })} />;
      break;
    default:
      controls = <span className="muted cnn-note">{l.type === 'batchNorm' ? t.keeps : ''}</span>;
  }
  const issues = props.view.issues;
  const bad = issues.length > 0;
  const shape = props.view.info.outputShape;
  const formula = paramFormula(l, props.inShape);
  const params = props.view.info.params;
  return (
    <>
      <tr className={bad ? 'cnn-row is-bad' : 'cnn-row'} data-row-id={props.rowId} data-testid={`cnn-row-${i}`}>
        <th scope="row" className="cnn-num">
          {n}
        </th>
        <td>
          <div className="cnn-type">{names[l.type]}</div>
          <div className="cnn-ctls" role="group" aria-label={`${fmt(t.layer, { n })}: ${names[l.type]}`}>
            {controls}
          </div>
        </td>
        <td className={props.view.assumed ? 'cnn-shape is-assumed' : 'cnn-shape'} data-testid={`cnn-shape-${i}`} title={props.view.assumed ? t.assumed : undefined}>
          {shape ? shapeText(shape) : '—'}
        </td>
        <td className={props.view.assumed ? 'cnn-params is-assumed' : 'cnn-params'} data-testid={`cnn-params-${i}`}>
          {!shape ? '—' : params ? fmtInt(params) : <span className="muted">0</span>}
          {shape && formula && params ? <div className="cnn-formula">{formula}</div> : null}
          {shape && l.type === 'batchNorm' && params ? <div className="cnn-formula">{t.bnNote}</div> : null}
        </td>
        <td className="cnn-actions">
          <button type="button" aria-label={fmt(t.up, { n })} title={fmt(t.up, { n })} disabled={i === 0} onClick={() => props.onMove(-1)} data-act="up">
            ↑
          </button>
          <button type="button" aria-label={fmt(t.down, { n })} title={fmt(t.down, { n })} disabled={i === props.count - 1} onClick={() => props.onMove(1)} data-act="down">
            ↓
          </button>
          <button type="button" aria-label={fmt(t.remove, { n })} title={fmt(t.remove, { n })} onClick={props.onRemove} data-act="remove" data-testid={`cnn-remove-${i}`}>
            ✕
          </button>
        </td>
      </tr>
      {bad ? (
        <tr className="cnn-error-row">
          <td />
          <td colSpan={4}>
            {issues.map((e, k) => (
              <ErrorBox key={k} title={e.message[lang]} />
            ))}
          </td>
        </tr>
      ) : null}
    </>
  );
}
