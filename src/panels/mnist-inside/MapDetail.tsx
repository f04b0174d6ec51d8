import { useMemo } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import type { FilterBank, LayerActivation } from '../../ml/inspect/activations';
import { channel, css, diverging, maxAbs, textOn, toRgba } from '../../ml/inspect/colormap';
import { PixelCanvas } from '../mnist-eval/PixelCanvas';
import { filterMap } from './FilterGrid';
import { layerColour } from './LayerMaps';

const TEXT: TextTable<'map' | 'prev' | 'next' | 'peak' | 'layer' | 'weights' | 'image' | 'bias'> = {
  zh: {
    map: '{name} 的第 {i} / {n} 张图',
    prev: '上一张',
    next: '下一张',
    peak: '最大值 {v}',
    layer: '层',
    weights: '这张图来自的滤波器（权重）',
    image: '{name} 第 {i} 张激活图，放大显示',
    bias: '偏置 {b}',
  },
  en: {
    map: '{name}, map {i} of {n}',
    prev: 'Previous',
    next: 'Next',
    peak: 'peak {v}',
    layer: 'Layer',
    weights: 'The filter (weights) that made this map',
    image: 'Activation map {i} of {name}, enlarged',
    bias: 'bias {b}',
  },
};

const num = (v: number) => (Math.abs(v) < 0.005 ? '0' : v.toFixed(2).replace('-', '−'));

/**
 * One map enlarged, with previous/next buttons and a layer choice (the keyboard route to every
 * map), and for the first convolution the 3×3 filter that produced it, weights written out.
 */
export function MapDetail(props: {
  layers: LayerActivation[];
  filters: FilterBank | null;
  sel: { layer: number; channel: number };
  onSelect(sel: { layer: number; channel: number }): void;
}) {
  const t = useText(TEXT);
  const layer = props.layers[props.sel.layer];
  const [h, w, c] = layer.shape;
  const ch = Math.min(props.sel.channel, c - 1);
  const map = useMemo(() => channel(layer.data, h, w, c, ch), [layer, h, w, c, ch]);
  const rgba = useMemo(() => toRgba(map, layerColour(layer)), [map, layer]);
  const peak = useMemo(() => map.reduce((a, v) => Math.max(a, v), -Infinity), [map]);
  const isFirstConv = props.filters !== null && layer.name === props.filters.layer;
  const kernel = isFirstConv && props.filters ? filterMap(props.filters, ch) : null;
  const kScale = props.filters ? maxAbs(props.filters.data) : 1;
  const [kh, kw] = props.filters?.shape ?? [0, 0];
  const go = (d: number) => props.onSelect({ layer: props.sel.layer, channel: (ch + d + c) % c });

  return (
    <section className="inside-detail" data-testid="inside-detail" aria-label={fmt(t.map, { name: layer.name, i: ch, n: c })}>
      <div className="inside-detail-bar">
        <label>
          <span className="muted">{t.layer}</span>{' '}
          <select value={props.sel.layer} onChange={(e) => props.onSelect({ layer: Number(e.target.value), channel: 0 })} data-testid="inside-detail-layer">
            {props.layers.map((l, i) => (
              <option key={l.name} value={i}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => go(-1)} aria-label={t.prev} data-testid="inside-prev">
          ←
        </button>
        <span className="inside-detail-title" aria-live="polite">
          {fmt(t.map, { name: layer.name, i: ch, n: c })}
        </span>
        <button type="button" onClick={() => go(1)} aria-label={t.next} data-testid="inside-next">
          →
        </button>
      </div>
      <div className="inside-detail-body">
        <figure>
          <PixelCanvas rgba={rgba} w={w} h={h} size={182} label={fmt(t.image, { name: layer.name, i: ch })} />
          <figcaption className="muted">{fmt(t.peak, { v: num(peak) })}</figcaption>
        </figure>
        {kernel ? (
          <figure className="inside-kernel">
            <table aria-label={t.weights}>
              <tbody>
                {Array.from({ length: kh }, (_, i) => (
                  <tr key={i}>
                    {Array.from({ length: kw }, (_, j) => {
                      const v = kernel[i * kw + j];
                      const bg = diverging(v, kScale);
                      return (
                        <td key={j} style={{ background: css(bg), color: css(textOn(bg)) }}>
                          {num(v)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <figcaption className="muted">
              {t.weights}
              {props.filters?.bias ? ` · ${fmt(t.bias, { b: num(props.filters.bias[ch]) })}` : ''}
            </figcaption>
          </figure>
        ) : null}
      </div>
    </section>
  );
}
