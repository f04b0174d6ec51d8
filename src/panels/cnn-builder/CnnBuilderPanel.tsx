import { useEffect, useMemo, useRef, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import type { LayerSpec, LayerType, ModelSpec } from '../../ml/model/spec';
import { ErrorBox } from '../../ui/ErrorBox';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { ADDABLE, analyzeAll, fmtInt, moveItem, newLayer, shapeText } from './layers';
import { LAYER_NAMES, LayerRow } from './LayerRow';
import { BUILDER_PRESET_NAMES, BUILDER_PRESETS, presetInfo, type BuilderPreset } from './presets';
import { CNN_SETTINGS } from './settings';
import { ShareBox } from './ShareBox';
import { decodeLayers, encodeLayers } from './specCode';
import { VolumeDiagram } from './VolumeDiagram';
import './cnn-builder.css';

const TEXT: TextTable<
  | 'invalid' | 'start' | 'custom' | 'reset' | 'layer' | 'output' | 'params' | 'actions' | 'input' | 'total'
  | 'trainable' | 'add' | 'addType' | 'addAt' | 'atEnd' | 'after' | 'first' | 'largest' | 'afterError' | 'caption' | 'model' | 'ok' | 'hint'
> = {
  zh: {
    invalid: '面板设置无效，已改用默认值', start: '起点', custom: '自定义', reset: '恢复预设',
    layer: '层', output: '输出形状', params: '参数量', actions: '操作', input: '输入（MNIST 图像）', total: '合计', trainable: '可训练 {n}',
    add: '添加层', addType: '层类型', addAt: '位置', atEnd: '末尾', after: '第 {n} 层之后', first: '最前面',
    largest: '参数最多的是第 {n} 层（{type}），占 {pct}%', afterError: '斜体的形状和合计是假设去掉出错的层后推算的；先修正红色标出的层。',
    caption: '逐层的输出形状与参数量', model: '模型有问题', ok: '结构有效，可以在第 7 章的实验里训练',
    hint: '修改任意一层，形状、参数量和示意图都会立即更新；这里只做推算，不训练。',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', start: 'Start from', custom: 'custom', reset: 'Reset to preset',
    layer: 'Layer', output: 'Output shape', params: 'Parameters', actions: 'Actions', input: 'Input (MNIST image)', total: 'Total', trainable: '{n} trainable',
    add: 'Add layer', addType: 'Layer type', addAt: 'Position', atEnd: 'at the end', after: 'after layer {n}', first: 'first',
    largest: 'Most parameters: layer {n} ({type}), {pct}% of the total', afterError: 'Shapes in italics and the total assume the broken layers are removed; fix the layers marked in red first.',
    caption: 'Output shape and parameter count of every layer', model: 'Problem with the model', ok: 'Valid architecture: ready to train in chapter 7’s lab',
    hint: 'Edit any layer and the shapes, parameter counts and diagram update at once; nothing is trained here.',
  },
};

const INPUT: [number, number, number] = [28, 28, 1];

interface Item {
  id: number;
  layer: LayerSpec;
}

let nextId = 1;
const toItems = (layers: LayerSpec[]): Item[] => layers.map((layer) => ({ id: nextId++, layer: { ...layer } }));

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
  const [items, setItems] = useState<Item[]>(() => toItems(initial.layers));
  const [addType, setAddType] = useState<LayerType>('conv2d');
  const [addAt, setAddAt] = useState<number>(-1); // -1: at the end; k: after layer k (0 = first)
  const root = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);

  const layers = useMemo(() => items.map((it) => it.layer), [items]);
  const spec: ModelSpec = useMemo(() => ({ inputShape: INPUT, init: BUILDER_PRESETS[preset].init, layers }), [layers, preset]);
  const analysis = useMemo(() => analyzeAll(spec), [spec]);
  const infos = useMemo(() => analysis.views.map((v) => v.info), [analysis]);
  const badLayers = useMemo(() => new Set(analysis.views.flatMap((v, i) => (v.issues.length ? [i] : []))), [analysis]);
  const global = analysis.global;
  const code = encodeLayers(layers);
  const isPreset = code === encodeLayers(BUILDER_PRESETS[preset].layers);

  useEffect(() => {
    // After a move or removal the focused button may have left the DOM: put focus back on the moved row.
    if (!pendingFocus.current) return;
    root.current?.querySelector<HTMLElement>(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  }, [items]);

  const update = (k: number, layer: LayerSpec) => setItems((xs) => xs.map((x, i) => (i === k ? { ...x, layer } : x)));
  const move = (k: number, d: -1 | 1) => {
    const to = k + d;
    if (to < 0 || to >= items.length) return;
    const act = to === 0 ? 'down' : to === items.length - 1 ? 'up' : d < 0 ? 'up' : 'down';
    pendingFocus.current = `[data-row-id="${items[k].id}"] button[data-act="${act}"]`;
    setItems((xs) => moveItem(xs, k, to));
  };
  const remove = (k: number) => {
    const next = items[k + 1] ?? items[k - 1];
    pendingFocus.current = next ? `[data-row-id="${next.id}"] button[data-act="remove"]` : '[data-testid="cnn-add"]';
    setItems((xs) => xs.filter((_, i) => i !== k));
    setAddAt(-1);
  };
  const add = () => {
    const it = { id: nextId++, layer: newLayer(addType) };
    setItems((xs) => {
      const at = addAt < 0 || addAt > xs.length ? xs.length : addAt;
      return [...xs.slice(0, at), it, ...xs.slice(at)];
    });
  };
  const choosePreset = (p: BuilderPreset) => {
    setPreset(p);
    setItems(toItems(BUILDER_PRESETS[p].layers));
    setAddAt(-1);
  };

  const biggest = infos.reduce((b, l, i) => (l.params > (infos[b]?.params ?? -1) && !analysis.broken.includes(i) ? i : b), 0);
  const pct = analysis.totalParams ? ((infos[biggest]?.params ?? 0) / analysis.totalParams) * 100 : 0;
  // The input of layer i is the output of the nearest earlier layer that isn't broken.
  const inShapeOf = (i: number): number[] | null => {
    for (let k = i - 1; k >= 0; k--) if (!analysis.broken.includes(k)) return infos[k].outputShape;
    return INPUT;
  };
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
      {initial.errors.length ? (
        <ErrorBox title={t.invalid}>
          <ul>
            {initial.errors.map((e) => (
              <li key={e.key}>{e[lang]}</li>
            ))}
          </ul>
        </ErrorBox>
      ) : null}
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
              <td className="cnn-shape">{shapeText(INPUT)}</td>
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
              <td className={analysis.broken.length ? 'cnn-shape is-assumed' : 'cnn-shape'}>{shapeText(analysis.outputShape)}</td>
              <td className="cnn-params">
                <strong data-testid="cnn-total-params" className={analysis.broken.length ? 'is-assumed' : undefined}>
                  {fmtInt(analysis.totalParams)}
                </strong>
                {analysis.trainableParams !== analysis.totalParams ? <div className="cnn-formula">{fmt(t.trainable, { n: fmtInt(analysis.trainableParams) })}</div> : null}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
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

      <div className="cnn-add">
        <label className="cnn-ctl">
          <span>{t.addType}</span>
          <select value={addType} onChange={(e) => setAddType(e.target.value as LayerType)} data-testid="cnn-add-type">
            {ADDABLE.map((ty) => (
              <option key={ty} value={ty}>
                {names[ty]}
              </option>
            ))}
          </select>
        </label>
        <label className="cnn-ctl">
          <span>{t.addAt}</span>
          <select value={addAt} onChange={(e) => setAddAt(Number(e.target.value))} data-testid="cnn-add-at">
            <option value={-1}>{t.atEnd}</option>
            <option value={0}>{t.first}</option>
            {items.slice(0, -1).map((_, k) => (
              <option key={k} value={k + 1}>
                {fmt(t.after, { n: k + 1 })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={add} data-testid="cnn-add">
          {t.add}
        </button>
        {!isPreset ? (
          <button type="button" onClick={() => choosePreset(preset)}>
            {t.reset}
          </button>
        ) : null}
      </div>
      <ShareBox json={json} url={url} directive={directive} />
    </div>
  );
}
