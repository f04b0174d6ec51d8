import { useMemo } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import type { FilterBank } from '../../ml/inspect/activations';
import { css, diverging, maxAbs, toRgba } from '../../ml/inspect/colormap';
import { PixelCanvas } from '../mnist-eval/PixelCanvas';

const TEXT: TextTable<'title' | 'note' | 'filter' | 'neg' | 'pos'> = {
  zh: {
    title: '第一层的 {n} 个滤波器（{k}×{k}）',
    note: '红色是正权重，蓝色是负权重，白色接近 0；所有滤波器共用同一色标。点击一个滤波器，下方会突出显示它的激活图。',
    filter: '滤波器 {i}',
    neg: '负',
    pos: '正',
  },
  en: {
    title: 'The first layer’s {n} filters ({k}×{k})',
    note: 'Red weights are positive, blue negative, white near 0; all filters share one colour scale. Select a filter to highlight its activation map below.',
    filter: 'Filter {i}',
    neg: 'negative',
    pos: 'positive',
  },
};

/** One filter (input channel 0) as a kh × kw row-major map. */
export function filterMap(f: FilterBank, index: number): Float32Array {
  const [kh, kw, cin, cout] = f.shape;
  const out = new Float32Array(kh * kw);
  for (let i = 0; i < kh * kw; i++) out[i] = f.data[i * cin * cout + index];
  return out;
}

export function FilterGrid(props: { filters: FilterBank; selected: number | null; onSelect(i: number): void }) {
  const t = useText(TEXT);
  const { filters } = props;
  const [kh, kw, , cout] = filters.shape;
  const scale = useMemo(() => maxAbs(filters.data), [filters]);
  const images = useMemo(() => Array.from({ length: cout }, (_, i) => toRgba(filterMap(filters, i), (v) => diverging(v, scale))), [filters, cout, scale]);
  return (
    <section className="inside-filters" data-testid="inside-filters">
      <h4>{fmt(t.title, { n: cout, k: kh })}</h4>
      <p className="muted">{t.note}</p>
      <div className="inside-filter-grid" role="group" aria-label={fmt(t.title, { n: cout, k: kh })}>
        {images.map((rgba, i) => (
          <button
            key={i}
            type="button"
            className="inside-filter"
            aria-pressed={props.selected === i}
            aria-label={fmt(t.filter, { i })}
            title={fmt(t.filter, { i })}
            onClick={() => props.onSelect(i)}
            data-testid={`inside-filter-${i}`}
          >
            <PixelCanvas rgba={rgba} w={kw} h={kh} size={36} />
          </button>
        ))}
      </div>
      <div className="inside-legend" aria-hidden="true">
        <span>
          {t.neg} −{scale.toFixed(2)}
        </span>
        <span className="inside-legend-bar" style={{ background: `linear-gradient(90deg, ${css(diverging(-1, 1))}, #fff, ${css(diverging(1, 1))})` }} />
        <span>
          {t.pos} +{scale.toFixed(2)}
        </span>
      </div>
    </section>
  );
}
