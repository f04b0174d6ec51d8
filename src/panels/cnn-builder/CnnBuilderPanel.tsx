import { useMemo, useRef, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import type { LayerSpec, ModelSpec } from '../../ml/model/spec';
import { ErrorBox } from '../../ui/ErrorBox';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { SettingsErrors } from '../SettingsErrors';
import { analyzeAll, fmtInt } from './layers';
import { AddLayerForm, LayerTable, useLayerItems } from './LayerEditor';
import { LAYER_NAMES } from './LayerRow';
import { BUILDER_PRESET_NAMES, BUILDER_PRESETS, presetInfo, type BuilderPreset } from './presets';
import { CNN_SETTINGS } from './settings';
import { ShareBox } from './ShareBox';
import { decodeLayers, encodeLayers } from './specCode';
import { VolumeDiagram } from './VolumeDiagram';
import './cnn-builder.css';

const TEXT: TextTable<
  'invalid' | 'start' | 'custom' | 'reset' | 'input' | 'largest' | 'afterError' | 'model' | 'ok' | 'hint'
> = {
  zh: {
    invalid: '面板设置无效，已改用默认值', start: '起点', custom: '自定义', reset: '恢复预设',
    input: '输入（MNIST 图像）',
    largest: '参数最多的是第 {n} 层（{type}），占 {pct}%', afterError: '斜体的形状和合计是假设去掉出错的层后推算的；先修正红色标出的层。',
    model: '模型有问题', ok: '结构有效，可以在第 7 章的实验里训练',
    hint: '修改任意一层，形状、参数量和示意图都会立即更新；这里只做推算，不训练。',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', start: 'Start from', custom: 'custom', reset: 'Reset to preset',
    input: 'Input (MNIST image)',
    largest: 'Most parameters: layer {n} ({type}), {pct}% of the total', afterError: 'Shapes in italics and the total assume the broken layers are removed; fix the layers marked in red first.',
    model: 'Problem with the model', ok: 'Valid architecture: ready to train in chapter 7’s lab',
    hint: 'Edit any layer and the shapes, parameter counts and diagram update at once; nothing is trained here.',
  },
};

const INPUT: [number, number, number] = [28, 28, 1];

export default function CnnBuilderPanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const names = useText(LAYER_NAMES);
  const lang = useLang();
  const initial = useMemo(() => {
    const parsed = parseSettingsTable(CNN_SETTINGS, settings);
    const preset = parsed.values.preset as BuilderPreset;
    const errors = parsed.errors.map((e) => ({ key: e.key, zh: e.zh, en: e.en }));
    let layers: LayerSpec[] = BUILDER_PRESETS[preset].layers;
    if (settings.layers !== undefined) {
      const decoded = decodeLayers(settings.layers);
      if ('layers' in decoded) layers = decoded.layers;
      else errors.push({ key: 'layers', ...decoded.error });
    }
    return { preset, layers, errors };
  }, [settings]);

  const [preset, setPreset] = useState<BuilderPreset>(initial.preset);
  const root = useRef<HTMLDivElement>(null);
  const rows = useLayerItems(() => initial.layers, root, 'cnn-add');
  const { items } = rows;

  const layers = useMemo(() => items.map((it) => it.layer), [items]);
  const spec: ModelSpec = useMemo(() => ({ inputShape: INPUT, init: BUILDER_PRESETS[preset].init, layers }), [layers, preset]);
  const analysis = useMemo(() => analyzeAll(spec), [spec]);
  const infos = useMemo(() => analysis.views.map((v) => v.info), [analysis]);
  const badLayers = useMemo(() => new Set(analysis.views.flatMap((v, i) => (v.issues.length ? [i] : []))), [analysis]);
  const global = analysis.global;
  const code = encodeLayers(layers);
  const isPreset = code === encodeLayers(BUILDER_PRESETS[preset].layers);

  const choosePreset = (p: BuilderPreset) => {
    setPreset(p);
    rows.reset(BUILDER_PRESETS[p].layers);
  };

  const biggest = infos.reduce((b, l, i) => (l.params > (infos[b]?.params ?? -1) && !analysis.broken.includes(i) ? i : b), 0);
  const pct = analysis.totalParams ? ((infos[biggest]?.params ?? 0) / analysis.totalParams) * 100 : 0;
  const json = JSON.stringify(spec, null, 2);
  const params: Record<string, string> = { lang, ...(preset !== 'seed' ? { preset } : {}), ...(isPreset ? {} : { layers: code }) };
  // ':' and ',' are legal in a query string: leaving them unescaped keeps the link readable.
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%3A/gi, ':').replace(/%2C/gi, ',')}`)
    .join('&');
  const url = `${location.href.split('#')[0]}#/embed/panel/cnn-builder?${query}`;
  const directive = isPreset ? `::panel{id="cnn-builder" preset="${preset}"}` : `::panel{id="cnn-builder" layers="${code}"}`;

  return (
    <div className="cnn-builder" ref={root} data-testid="cnn-builder">
      <SettingsErrors title={t.invalid} errors={initial.errors} lang={lang} />
      <div className="cnn-presets" role="group" aria-label={t.start}>
        <span className="muted">{t.start}:</span>
        {BUILDER_PRESET_NAMES.map((p) => (
          <button key={p} type="button" aria-pressed={isPreset && preset === p} onClick={() => choosePreset(p)} data-testid={`cnn-preset-${p}`}>
            {presetInfo(p).name[lang]}
          </button>
        ))}
        {!isPreset ? <span className="cnn-custom-tag">{t.custom}</span> : null}
      </div>
      <p className="muted cnn-hint">
        {isPreset ? `${presetInfo(preset).description[lang]} ` : ''}
        {t.hint}
      </p>
      <VolumeDiagram inputShape={INPUT} layers={layers} infos={infos} badLayers={badLayers} />

      <LayerTable rows={rows} analysis={analysis} inputShape={INPUT} inputLabel={t.input} totalTestId="cnn-total-params" />
      {analysis.totalParams > 0 ? (
        <div className="cnn-share-bar" aria-hidden="true">
          {infos
            .filter((l, i) => l.params > 0 && !analysis.broken.includes(i))
            .map((l) => (
              <span
                key={l.index}
                className={`cnn-seg cnn-seg-${l.type}`}
                style={{ flexGrow: l.params }}
                title={`${l.index + 1} ${names[l.type]}: ${fmtInt(l.params)}`}
              />
            ))}
        </div>
      ) : null}
      {analysis.totalParams > 0 ? (
        <p className="muted cnn-hint">{fmt(t.largest, { n: biggest + 1, type: names[layers[biggest]?.type ?? 'dense'], pct: pct.toFixed(1) })}</p>
      ) : null}
      {analysis.broken.length ? <p className="muted cnn-hint">{t.afterError}</p> : null}
      {global.length ? (
        <ErrorBox title={t.model}>
          <ul>
            {global.map((e, k) => (
              <li key={k}>{e.message[lang]}</li>
            ))}
          </ul>
        </ErrorBox>
      ) : null}
      {analysis.ok ? (
        <p className="cnn-ok" data-testid="cnn-status" data-ok="true">
          ✓ {t.ok}
        </p>
      ) : (
        <p className="sr-only-cnn" data-testid="cnn-status" data-ok="false">
          {t.model}
        </p>
      )}

      <AddLayerForm rows={rows} defaultType="conv2d" testIdPrefix="cnn">
        {!isPreset ? (
          <button type="button" onClick={() => choosePreset(preset)}>
            {t.reset}
          </button>
        ) : null}
      </AddLayerForm>
      <ShareBox json={json} url={url} directive={directive} />
    </div>
  );
}
