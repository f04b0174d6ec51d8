import { useState } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import type { MnistData } from '../../ml/data/loader';
import { pageOf } from '../../ml/data/stats';
import { DigitCanvas } from './DigitCanvas';

const TEXT: TextTable<'grid' | 'tile' | 'prev' | 'next' | 'page' | 'of' | 'random' | 'selected' | 'ink' | 'hint' | 'pageInput'> = {
  zh: {
    grid: '数字 {d} 的训练图像，第 {p} / {n} 页',
    tile: '训练图像 #{i}，标签 {d}',
    prev: '上一页',
    next: '下一页',
    page: '第',
    of: '页，共 {n} 页',
    random: '随机翻一页',
    selected: '训练图像 #{i} · 标签 {d}',
    ink: '有墨迹的像素：{k} / 784（{pct}%）',
    hint: '点一张图放大查看。',
    pageInput: '页码',
  },
  en: {
    grid: 'Training images of digit {d}, page {p} of {n}',
    tile: 'Training image #{i}, labelled {d}',
    prev: 'Previous page',
    next: 'Next page',
    page: 'Page',
    of: 'of {n}',
    random: 'Random page',
    selected: 'Training image #{i} · label {d}',
    ink: 'Pixels with ink: {k} / 784 ({pct}%)',
    hint: 'Click an image to enlarge it.',
    pageInput: 'Page number',
  },
};

const PER_PAGE = 40;

/** A page of real training digits of one class, with paging and an enlarged view of one. */
export function DigitBrowser(props: { data: MnistData; indices: Int32Array; digit: number }) {
  const t = useText(TEXT);
  const [pages, setPages] = useState<Record<number, number>>({});
  const [picked, setPicked] = useState<number | null>(null);
  const view = pageOf(props.indices, pages[props.digit] ?? 0, PER_PAGE);
  const go = (p: number) => setPages({ ...pages, [props.digit]: Math.max(0, Math.min(view.pages - 1, p)) });
  const shown = picked !== null && props.data.labels[picked] === props.digit ? picked : (view.items[0] ?? null);
  let ink = 0;
  if (shown !== null) for (let p = 0; p < 784; p++) if (props.data.images[shown * 784 + p] > 0) ink++;

  return (
    <div className="mx-browser">
      <div className="mx-grid-wrap">
        <div className="mx-grid" role="group" aria-label={fmt(t.grid, { d: props.digit, p: view.page + 1, n: view.pages })} data-testid="mx-grid" data-page={view.page}>
          {view.items.map((i) => (
            <button key={i} type="button" className="mx-tile" aria-pressed={i === shown} onClick={() => setPicked(i)} data-testid="mx-tile" data-index={i}>
              <DigitCanvas pixels={props.data.images} offset={i * 784} size={44} label={fmt(t.tile, { i, d: props.digit })} />
            </button>
          ))}
        </div>
        <div className="mx-pager">
          <button type="button" onClick={() => go(view.page - 1)} disabled={view.page === 0} data-testid="mx-prev">
            ◀ {t.prev}
          </button>
          <label className="mx-page-label">
            {t.page}{' '}
            <input
              type="number"
              min={1}
              max={view.pages}
              value={view.page + 1}
              aria-label={t.pageInput}
              onChange={(e) => Number.isFinite(e.target.valueAsNumber) && go(e.target.valueAsNumber - 1)}
              data-testid="mx-page"
            />{' '}
            {fmt(t.of, { n: view.pages })}
          </label>
          <button type="button" onClick={() => go(view.page + 1)} disabled={view.page >= view.pages - 1} data-testid="mx-next">
            {t.next} ▶
          </button>
          <button type="button" onClick={() => go(Math.floor(Math.random() * view.pages))}>
            {t.random}
          </button>
        </div>
      </div>
      {shown !== null ? (
        <figure className="mx-zoom" aria-live="polite">
          <DigitCanvas pixels={props.data.images} offset={shown * 784} size={168} label={fmt(t.tile, { i: shown, d: props.digit })} testId="mx-zoom" />
          <figcaption>
            <strong>{fmt(t.selected, { i: shown, d: props.digit })}</strong>
            <span className="muted">{fmt(t.ink, { k: ink, pct: ((ink / 784) * 100).toFixed(0) })}</span>
            <span className="muted">{t.hint}</span>
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}
