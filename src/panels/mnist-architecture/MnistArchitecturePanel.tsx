import { useEffect, useMemo, useRef, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import type { LayerSpec, LayerType, ModelSpec } from '../../ml/model/spec';
import { getPreset } from '../../ml/model/presets';
import { useStore } from '../../state/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { ADDABLE, analyzeAll, fmtInt, moveItem, newLayer, shapeText } from '../cnn-builder/layers';
import { LAYER_NAMES, LayerRow } from '../cnn-builder/LayerRow';
import { VolumeDiagram } from '../cnn-builder/VolumeDiagram';
import type { PanelProps } from '../registry';
import { parseSettingsTable, type SettingsTable } from '../settings';
import { LAB_PRESET_NAMES, LAB_PRESETS, PRESET_LABEL, presetOf, presetSpec, type LabPreset } from './archInfo';
import '../cnn-builder/cnn-builder.css';
import './mnist-architecture.css';

export const ARCH_SETTINGS = {
  preset: { kind: 'enum', default: 'seed', options: LAB_PRESET_NAMES },
} satisfies SettingsTable;

const TEXT: TextTable<
  'presets' | 'custom' | 'reset' | 'layer' | 'output' | 'params' | 'actions' | 'input' | 'total' | 'trainable' | 'add' | 'addType' | 'addAt'
  | 'atEnd' | 'first' | 'after' | 'caption' | 'ok' | 'bad' | 'kept' | 'invalid' | 'edit' | 'hint'
> = {
  zh: {
    presets: '选择一个起点', custom: '已修改', reset: '恢复预设', layer: '层', output: '输出形状', params: '参数量', actions: '操作', input: '输入（28×28 灰度图）',
    total: '合计', trainable: '可训练 {n}', add: '添加层', addType: '层类型', addAt: '位置', atEnd: '末尾', first: '最前面', after: '第 {n} 层之后',
    caption: '逐层的输出形状与参数量', ok: '✓ 结构有效：下面的训练面板会训练这个网络', bad: '结构有问题', kept: '修正之前，训练面板继续使用上一个有效的结构。',
    invalid: '面板设置无效，已改用默认值', edit: '修改各层', hint: '改动立即生效：形状、参数量和示意图随之更新，训练面板下一次开始训练时使用新结构。',
  },
  en: {
    presets: 'Start from', custom: 'edited', reset: 'Reset to preset', layer: 'Layer', output: 'Output shape', params: 'Parameters', actions: 'Actions',
    input: 'Input (28×28 greyscale image)', total: 'Total', trainable: '{n} trainable', add: 'Add layer', addType: 'Layer type', addAt: 'Position',
    atEnd: 'at the end', first: 'first', after: 'after layer {n}', caption: 'Output shape and parameter count of every layer',
    ok: '✓ Valid: the trainer below will train this network', bad: 'Problem with the architecture', kept: 'Until it is fixed, the trainer keeps the last valid architecture.',
    invalid: 'Invalid panel settings; using defaults', edit: 'Edit the layers',
    hint: 'Changes apply at once: shapes, parameter counts and the diagram update, and the trainer uses the new network the next time it starts.',
  },
};

interface Item {
  id: number;
  layer: LayerSpec;
}
let nextId = 1;
const toItems = (layers: LayerSpec[]): Item[] => layers.map((layer) => ({ id: nextId++, layer: { ...layer } }));

/** Chapter 7's architecture: pick a preset, edit its layers; every valid version becomes lab.spec. */
export default function MnistArchitecturePanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const names = useText(LAYER_NAMES);
  const presetNames = useText(PRESET_LABEL);
  const lang = useLang();
  const initial = useMemo(() => parseSettingsTable(ARCH_SETTINGS, settings), [settings]);
  const labSpec = useStore((s) => s.lab.spec);
  const setLabSpec = useStore((s) => s.setLabSpec);
  const [base, setBase] = useState<LabPreset>(() => {
    const p = presetOf(useStore.getState().lab.spec);
    return p === 'custom' ? (initial.values.preset as LabPreset) : p;
  });
  const [items, setItems] = useState<Item[]>(() => toItems(useStore.getState().lab.spec.layers));
  const [addType, setAddType] = useState<LayerType>('dropout');
  const [addAt, setAddAt] = useState(-1);
  const [editOpen, setEditOpen] = useState(true);
  const written = useRef<ModelSpec>(labSpec);

  // The directive's preset applies only while the lab still has its untouched default.
  useEffect(() => {
    const s = useStore.getState().lab;
    const wanted = initial.values.preset as LabPreset;
    if (s.preset === 'seed' && presetOf(s.spec) === 'seed' && wanted !== 'seed') choose(wanted);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Another panel (the runs table) may set lab.spec: follow it.
  useEffect(() => {
    if (labSpec === written.current) return;
    written.current = labSpec;
    const p = presetOf(labSpec);
    if (p !== 'custom') setBase(p);
    setItems(toItems(labSpec.layers));
  }, [labSpec]);

  const layers = useMemo(() => items.map((it) => it.layer), [items]);
  const spec: ModelSpec = useMemo(() => ({ inputShape: [28, 28, 1], init: presetSpec(base).init, layers }), [layers, base]);
  const analysis = useMemo(() => analyzeAll(spec), [spec]);
  const infos = useMemo(() => analysis.views.map((v) => v.info), [analysis]);
  const badLayers = useMemo(() => new Set(analysis.views.flatMap((v, i) => (v.issues.length ? [i] : []))), [analysis]);
  const which = presetOf(spec);

  // Every valid edit becomes the lab's architecture.
  useEffect(() => {
    if (!analysis.ok || JSON.stringify(spec) === JSON.stringify(written.current)) return;
    written.current = spec;
    setLabSpec(spec, which);
  }, [analysis.ok, spec, which, setLabSpec]);

  function choose(p: LabPreset) {
    setBase(p);
    setItems(toItems(presetSpec(p).layers));
    setAddAt(-1);
  }
  const update = (k: number, layer: LayerSpec) => setItems((xs) => xs.map((x, i) => (i === k ? { ...x, layer } : x)));
  const move = (k: number, d: -1 | 1) => setItems((xs) => (k + d < 0 || k + d >= xs.length ? xs : moveItem(xs, k, k + d)));
  const remove = (k: number) => setItems((xs) => xs.filter((_, i) => i !== k));
  const add = () =>
    setItems((xs) => {
      const at = addAt < 0 || addAt > xs.length ? xs.length : addAt;
      return [...xs.slice(0, at), { id: nextId++, layer: newLayer(addType) }, ...xs.slice(at)];
    });
  const inShapeOf = (i: number): number[] | null => {
    for (let k = i - 1; k >= 0; k--) if (!analysis.broken.includes(k)) return infos[k].outputShape;
    return [28, 28, 1];
  };

  return (
    <div className="arch cnn-builder" data-testid="mnist-architecture" data-preset={which} data-params={analysis.totalParams}>
      {initial.errors.length ? <ErrorBox title={t.invalid} detail={initial.errors.map((e) => e[lang]).join('; ')} /> : null}
      <div className="arch-presets" role="group" aria-label={t.presets}>
        {LAB_PRESET_NAMES.map((p) => {
          const pr = getPreset(LAB_PRESETS[p]);
          return (
            <button key={p} type="button" className="arch-preset" aria-pressed={which === p} onClick={() => choose(p)} data-testid={`arch-preset-${p}`}>
              <strong>{pr.name[lang]}</strong>
              <span>{pr.description[lang]}</span>
            </button>
          );
        })}
      </div>
      <p className="arch-summary" data-testid="arch-summary">
        <strong>{which === 'custom' ? `${presetNames[base]} (${t.custom})` : presetNames[which]}</strong> · {fmtInt(analysis.totalParams)} {t.params.toLowerCase()}
        {analysis.trainableParams !== analysis.totalParams ? ` (${fmt(t.trainable, { n: fmtInt(analysis.trainableParams) })})` : ''}
        {which === 'custom' ? (
          <button type="button" className="arch-reset" onClick={() => choose(base)}>
            {t.reset}
          </button>
        ) : null}
      </p>
      <VolumeDiagram inputShape={[28, 28, 1]} layers={layers} infos={infos} badLayers={badLayers} />
      <details className="arch-edit" open={editOpen || !analysis.ok} onToggle={(e) => setEditOpen(e.currentTarget.open)}>
        <summary>{t.edit}</summary>
        <p className="muted cnn-hint">{t.hint}</p>
        <div className="cnn-table-wrap">
          <table className="cnn-table">
            <caption className="sr-only-cnn">{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.layer}</th>
                <th scope="col">{t.output}</th>
                <th scope="col">{t.params}</th>
                <th scope="col">
                  <span className="sr-only-cnn">{t.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <tr className="cnn-row cnn-input-row">
                <th scope="row" className="cnn-num">
                  0
                </th>
                <td>
                  <div className="cnn-type">{t.input}</div>
                </td>
                <td className="cnn-shape">28×28×1</td>
                <td className="cnn-params">
                  <span className="muted">0</span>
                </td>
                <td />
              </tr>
              {items.map((it, i) => (
                <LayerRow
                  key={it.id}
                  rowId={it.id}
                  index={i}
                  count={items.length}
                  layer={it.layer}
                  view={analysis.views[i]}
                  inShape={inShapeOf(i)}
                  onChange={(l) => update(i, l)}
                  onMove={(d) => move(i, d)}
                  onRemove={() => remove(i)}
                />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td />
                <th scope="row">{t.total}</th>
                <td className="cnn-shape">{shapeText(analysis.outputShape)}</td>
                <td className="cnn-params">
                  <strong data-testid="arch-total-params">{fmtInt(analysis.totalParams)}</strong>
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
        <div className="cnn-add">
          <label className="cnn-ctl">
            <span>{t.addType}</span>
            <select value={addType} onChange={(e) => setAddType(e.target.value as LayerType)} data-testid="arch-add-type">
              {ADDABLE.map((ty) => (
                <option key={ty} value={ty}>
                  {names[ty]}
                </option>
              ))}
            </select>
          </label>
          <label className="cnn-ctl">
            <span>{t.addAt}</span>
            <select value={addAt} onChange={(e) => setAddAt(Number(e.target.value))}>
              <option value={-1}>{t.atEnd}</option>
              <option value={0}>{t.first}</option>
              {items.slice(0, -1).map((_, k) => (
                <option key={k} value={k + 1}>
                  {fmt(t.after, { n: k + 1 })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" onClick={add} data-testid="arch-add">
            {t.add}
          </button>
        </div>
      </details>
      {analysis.ok ? (
        <p className="cnn-ok" data-testid="arch-status" data-ok="true">
          {t.ok}
        </p>
      ) : (
        <ErrorBox title={t.bad}>
          <ul>
            {[...analysis.global, ...analysis.views.flatMap((v) => v.issues)].map((e, k) => (
              <li key={k}>{e.message[lang]}</li>
            ))}
          </ul>
          <p>{t.kept}</p>
        </ErrorBox>
      )}
    </div>
  );
}
