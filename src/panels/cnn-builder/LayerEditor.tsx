/**
 * The editable layer list shared by the CNN builder (chapter 6) and the MNIST lab's
 * architecture panel (chapter 7): a hook that owns the rows (and keeps keyboard focus on a row
 * that moves or on its neighbour when one is removed), the shape/parameter table, and the
 * add-layer form.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import type { LayerSpec, LayerType } from '../../ml/model/spec';
import { ADDABLE, fmtInt, moveItem, newLayer, shapeText, type BuilderAnalysis } from './layers';
import { LAYER_NAMES, LayerRow } from './LayerRow';

const TEXT: TextTable<
  'layer' | 'output' | 'params' | 'actions' | 'total' | 'trainable' | 'add' | 'addType' | 'addAt' | 'atEnd' | 'after' | 'first' | 'caption'
> = {
  zh: {
    layer: '层', output: '输出形状', params: '参数量', actions: '操作', total: '合计', trainable: '可训练 {n}',
    add: '添加层', addType: '层类型', addAt: '位置', atEnd: '末尾', after: '第 {n} 层之后', first: '最前面', caption: '逐层的输出形状与参数量',
  },
  en: {
    layer: 'Layer', output: 'Output shape', params: 'Parameters', actions: 'Actions', total: 'Total', trainable: '{n} trainable',
    add: 'Add layer', addType: 'Layer type', addAt: 'Position', atEnd: 'at the end', after: 'after layer {n}', first: 'first',
    caption: 'Output shape and parameter count of every layer',
  },
};

export interface LayerItem {
  /** Stable React key, so a row keeps its inputs' state when rows move. */
  id: number;
  layer: LayerSpec;
}

let nextId = 1;
const toItems = (layers: LayerSpec[]): LayerItem[] => layers.map((layer) => ({ id: nextId++, layer: { ...layer } }));

/** The rows of a layer editor. `root` is the element that holds the table and the add button. */
export function useLayerItems(initial: () => LayerSpec[], root: RefObject<HTMLElement | null>, addTestId: string) {
  const [items, setItems] = useState<LayerItem[]>(() => toItems(initial()));
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => {
    // After a move or removal the focused button may have left the DOM: put focus back on the row.
    if (!pendingFocus.current) return;
    root.current?.querySelector<HTMLElement>(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  }, [items, root]);

  return {
    items,
    reset: (layers: LayerSpec[]) => setItems(toItems(layers)),
    update: (k: number, layer: LayerSpec) => setItems((xs) => xs.map((x, i) => (i === k ? { ...x, layer } : x))),
    move: (k: number, d: -1 | 1) => {
      const to = k + d;
      if (to < 0 || to >= items.length) return;
      const act = to === 0 ? 'down' : to === items.length - 1 ? 'up' : d < 0 ? 'up' : 'down';
      pendingFocus.current = `[data-row-id="${items[k].id}"] button[data-act="${act}"]`;
      setItems((xs) => moveItem(xs, k, to));
    },
    remove: (k: number) => {
      const next = items[k + 1] ?? items[k - 1];
      pendingFocus.current = next ? `[data-row-id="${next.id}"] button[data-act="remove"]` : `[data-testid="${addTestId}"]`;
      setItems((xs) => xs.filter((_, i) => i !== k));
    },
    /** Inserts a new layer of `type` at position `at` (-1 or past the end: at the end). */
    add: (type: LayerType, at: number) =>
      setItems((xs) => {
        const i = at < 0 || at > xs.length ? xs.length : at;
        return [...xs.slice(0, i), { id: nextId++, layer: newLayer(type) }, ...xs.slice(i)];
      }),
  };
}

type Rows = ReturnType<typeof useLayerItems>;

/** Input row, one row per layer with its output shape and parameters, and the totals. */
export function LayerTable(props: { rows: Rows; analysis: BuilderAnalysis; inputShape: number[]; inputLabel: string; totalTestId: string }) {
  const t = useText(TEXT);
  const { rows, analysis, inputShape } = props;
  const assumed = analysis.broken.length > 0;
  // The input of layer i is the output of the nearest earlier layer that isn't broken.
  const inShapeOf = (i: number): number[] | null => {
    for (let k = i - 1; k >= 0; k--) if (!analysis.broken.includes(k)) return analysis.views[k].info.outputShape;
    return inputShape;
  };
  return (
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
              <div className="cnn-type">{props.inputLabel}</div>
            </td>
            <td className="cnn-shape">{shapeText(inputShape)}</td>
            <td className="cnn-params">
              <span className="muted">0</span>
            </td>
            <td />
          </tr>
          {rows.items.map((it, i) => (
            <LayerRow
              key={it.id}
              rowId={it.id}
              index={i}
              count={rows.items.length}
              layer={it.layer}
              view={analysis.views[i]}
              inShape={inShapeOf(i)}
              onChange={(l) => rows.update(i, l)}
              onMove={(d) => rows.move(i, d)}
              onRemove={() => rows.remove(i)}
            />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row">{t.total}</th>
            <td className={assumed ? 'cnn-shape is-assumed' : 'cnn-shape'}>{shapeText(analysis.outputShape)}</td>
            <td className="cnn-params">
              <strong data-testid={props.totalTestId} className={assumed ? 'is-assumed' : undefined}>
                {fmtInt(analysis.totalParams)}
              </strong>
              {analysis.trainableParams !== analysis.totalParams ? (
                <div className="cnn-formula">{fmt(t.trainable, { n: fmtInt(analysis.trainableParams) })}</div>
              ) : null}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Layer type, position and an Add button; `children` go after the button (e.g. a reset). */
export function AddLayerForm(props: { rows: Rows; defaultType: LayerType; testIdPrefix: string; children?: React.ReactNode }) {
  const t = useText(TEXT);
  const names = useText(LAYER_NAMES);
  const [type, setType] = useState<LayerType>(props.defaultType);
  const [at, setAt] = useState(-1); // -1: at the end; k: after layer k (0 = first)
  const count = props.rows.items.length;
  // A position past the current rows (after removals or a new preset) means the end.
  const position = at > count - 1 ? -1 : at;
  const p = props.testIdPrefix;
  return (
    <div className="cnn-add">
      <label className="cnn-ctl">
        <span>{t.addType}</span>
        <select value={type} onChange={(e) => setType(e.target.value as LayerType)} data-testid={`${p}-add-type`}>
          {ADDABLE.map((ty) => (
            <option key={ty} value={ty}>
              {names[ty]}
            </option>
          ))}
        </select>
      </label>
      <label className="cnn-ctl">
        <span>{t.addAt}</span>
        <select value={position} onChange={(e) => setAt(Number(e.target.value))} data-testid={`${p}-add-at`}>
          <option value={-1}>{t.atEnd}</option>
          <option value={0}>{t.first}</option>
          {props.rows.items.slice(0, -1).map((_, k) => (
            <option key={k} value={k + 1}>
              {fmt(t.after, { n: k + 1 })}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="primary" onClick={() => props.rows.add(type, position)} data-testid={`${p}-add`}>
        {t.add}
      </button>
      {props.children}
    </div>
  );
}
