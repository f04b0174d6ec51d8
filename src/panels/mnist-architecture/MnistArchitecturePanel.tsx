import { useEffect, useMemo, useRef, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import type { ModelSpec } from '../../ml/model/spec';
import { getPreset } from '../../ml/model/presets';
import { useStore } from '../../state/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { analyzeAll, fmtInt } from '../cnn-builder/layers';
import { AddLayerForm, LayerTable, useLayerItems } from '../cnn-builder/LayerEditor';
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
  'presets' | 'custom' | 'reset' | 'params' | 'input' | 'trainable' | 'ok' | 'bad' | 'kept' | 'invalid' | 'edit' | 'hint'
> = {
  zh: {
    presets: '选择一个起点', custom: '已修改', reset: '恢复预设', params: '参数量', input: '输入（28×28 灰度图）', trainable: '可训练 {n}',
    ok: '✓ 结构有效：下面的训练面板会训练这个网络', bad: '结构有问题', kept: '修正之前，训练面板继续使用上一个有效的结构。',
    invalid: '面板设置无效，已改用默认值', edit: '修改各层', hint: '改动立即生效：形状、参数量和示意图随之更新，训练面板下一次开始训练时使用新结构。',
  },
  en: {
    presets: 'Start from', custom: 'edited', reset: 'Reset to preset', params: 'Parameters',
    input: 'Input (28×28 greyscale image)', trainable: '{n} trainable',
    ok: '✓ Valid: the trainer below will train this network', bad: 'Problem with the architecture', kept: 'Until it is fixed, the trainer keeps the last valid architecture.',
    invalid: 'Invalid panel settings; using defaults', edit: 'Edit the layers',
    hint: 'Changes apply at once: shapes, parameter counts and the diagram update, and the trainer uses the new network the next time it starts.',
  },
};

/** Chapter 7's architecture: pick a preset, edit its layers; every valid version becomes lab.spec. */
export default function MnistArchitecturePanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const presetNames = useText(PRESET_LABEL);
  const lang = useLang();
  const initial = useMemo(() => parseSettingsTable(ARCH_SETTINGS, settings), [settings]);
  const labSpec = useStore((s) => s.lab.spec);
  const setLabSpec = useStore((s) => s.setLabSpec);
  const [base, setBase] = useState<LabPreset>(() => {
    const p = presetOf(useStore.getState().lab.spec);
    return p === 'custom' ? (initial.values.preset as LabPreset) : p;
  });
  const root = useRef<HTMLDivElement>(null);
  const rows = useLayerItems(() => useStore.getState().lab.spec.layers, root, 'arch-add');
  const { items } = rows;
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
    rows.reset(labSpec.layers);
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
    rows.reset(presetSpec(p).layers);
  }

  return (
    <div className="arch cnn-builder" ref={root} data-testid="mnist-architecture" data-preset={which} data-params={analysis.totalParams}>
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
        <LayerTable rows={rows} analysis={analysis} inputShape={[28, 28, 1]} inputLabel={t.input} totalTestId="arch-total-params" />
        <AddLayerForm rows={rows} defaultType="dropout" testIdPrefix="arch" />
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
