import { useMemo, type PointerEvent } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import type { LayerActivation } from '../../ml/inspect/activations';
import { diverging, magma, maxAbs, type Rgb } from '../../ml/inspect/colormap';
import { PixelCanvas } from '../mnist-eval/PixelCanvas';

const TEXT: TextTable<'conv' | 'pool' | 'avg' | 'maps' | 'pick'> = {
  zh: {
    conv: '{name}：{c} 张 {h}×{w} 激活图（{act} 之后）',
    pool: '{name}：最大池化到 {h}×{w}（{c} 个通道）',
    avg: '{name}：平均池化到 {h}×{w}（{c} 个通道）',
    maps: '{name} 的 {c} 张激活图，越亮表示响应越强。点击其中一张可放大。',
    pick: '点击一张图放大查看',
  },
  en: {
    conv: '{name}: {c} maps of {h}×{w} (after {act})',
    pool: '{name}: max-pooled to {h}×{w} ({c} channels)',
    avg: '{name}: average-pooled to {h}×{w} ({c} channels)',
    maps: '{c} activation maps of {name}; brighter means a stronger response. Select one to enlarge it.',
    pick: 'Select a map to enlarge it',
  },
};

/** Tiles per row for a layer with `c` channels. */
export const columnsFor = (c: number) => (c <= 8 ? c : c <= 32 ? 8 : Math.ceil(Math.sqrt(c)));

/** The colour of a value in a layer: magma from 0 to the layer's max, or diverging when it has negatives. */
export function layerColour(layer: LayerActivation): (v: number) => Rgb {
  let min = Infinity;
  for (let i = 0; i < layer.data.length; i++) if (layer.data[i] < min) min = layer.data[i];
  const scale = maxAbs(layer.data);
  if (min < 0) return (v) => diverging(v, scale);
  return (v) => magma(scale > 0 ? v / scale : 0);
}

export function layerTitle(layer: LayerActivation, t: Record<'conv' | 'pool' | 'avg', string>): string {
  const [h, w, c] = layer.shape;
  const key = layer.kind === 'conv' ? 'conv' : layer.name.startsWith('avg') ? 'avg' : 'pool';
  return fmt(t[key], { name: layer.name, c, h, w, act: layer.activation === 'leakyRelu' ? 'LeakyReLU' : layer.activation === 'relu' ? 'ReLU' : layer.activation });
}

/** All of a layer's maps as tiles on one canvas (1-pixel gaps); a click picks a map. */
export function LayerMaps(props: { layer: LayerActivation; index: number; selected: number | null; onSelect(channel: number): void }) {
  const t = useText(TEXT);
  const { layer } = props;
  const [h, w, c] = layer.shape;
  const cols = columnsFor(c);
  const rows = Math.ceil(c / cols);
  const W = cols * (w + 1) - 1;
  const H = rows * (h + 1) - 1;
  const rgba = useMemo(() => {
    const colour = layerColour(layer);
    const out = new Uint8ClampedArray(new ArrayBuffer(W * H * 4)).fill(255);
    for (let ch = 0; ch < c; ch++) {
      const ox = (ch % cols) * (w + 1);
      const oy = Math.floor(ch / cols) * (h + 1);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const [r, g, b] = colour(layer.data[(y * w + x) * c + ch]);
          const o = ((oy + y) * W + ox + x) * 4;
          out[o] = r;
          out[o + 1] = g;
          out[o + 2] = b;
        }
      }
    }
    return out;
  }, [layer, W, H, c, cols, h, w]);

  const size = Math.min(520, Math.max(220, W * 3));
  const pick = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = Math.floor(((e.clientX - rect.left) / rect.width) * W);
    const y = Math.floor(((e.clientY - rect.top) / rect.height) * H);
    const ch = Math.floor(y / (h + 1)) * cols + Math.floor(x / (w + 1));
    if (ch >= 0 && ch < c) props.onSelect(ch);
  };
  const sel = props.selected;
  const title = layerTitle(layer, t);
  return (
    <section className="inside-layer" data-testid={`inside-layer-${props.index}`} data-shape={layer.shape.join('x')}>
      <h4>{title}</h4>
      <div className="inside-tiles" style={{ width: size }} onPointerDown={pick} title={t.pick}>
        <PixelCanvas rgba={rgba} w={W} h={H} size={size} label={fmt(t.maps, { c, name: layer.name })} />
        {sel !== null && sel < c ? (
          <span
            className="inside-tile-mark"
            aria-hidden="true"
            style={{
              left: `${(((sel % cols) * (w + 1)) / W) * 100}%`,
              top: `${((Math.floor(sel / cols) * (h + 1)) / H) * 100}%`,
              width: `${(w / W) * 100}%`,
              height: `${(h / H) * 100}%`,
            }}
          />
        ) : null}
      </div>
    </section>
  );
}
