import { useMemo, useState } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import type { MnistData } from '../../ml/data/loader';
import { cellMembers, TOP, type EvalResult } from '../../ml/inspect/metrics';
import { DigitCanvas } from './PixelCanvas';
import { imageAt } from './useTestSet';

const PAGE = 48;

const TEXT: TextTable<'mistakes' | 'cell' | 'diag' | 'none' | 'more' | 'all' | 'order' | 'orderDiag' | 'image' | 'loading' | 'top'> = {
  zh: {
    mistakes: '全部错例：{n} 张',
    cell: '真实为 {t}、预测为 {p}：{n} 张',
    diag: '真实为 {t} 且判对：{n} 张',
    none: '没有图像。',
    more: '再显示 {n} 张',
    all: '显示全部错例',
    order: '按网络的把握从高到低排列：最“自信”的错误在前。',
    orderDiag: '按网络的把握从低到高排列：最没把握的正确答案在前。',
    image: '测试图像 #{i}：真实为 {t}，预测为 {p}',
    loading: '正在加载测试图像…',
    top: '前 3 名',
  },
  en: {
    mistakes: 'All mistakes: {n}',
    cell: 'True {t}, predicted {p}: {n}',
    diag: 'True {t}, correctly predicted: {n}',
    none: 'No images.',
    more: 'Show {n} more',
    all: 'Show all mistakes',
    order: 'Ordered by the network’s confidence, highest first: the most “confident” mistakes lead.',
    orderDiag: 'Ordered by the network’s confidence, lowest first: the least certain correct answers lead.',
    image: 'Test image #{i}: true {t}, predicted {p}',
    loading: 'Loading the test images…',
    top: 'top 3',
  },
};

/** The images behind the selected matrix cell, or every misclassified image, with their top-3 probabilities. */
export function EvalGallery(props: { result: EvalResult; data: MnistData | null; selected: { t: number; p: number } | null; onShowAll(): void }) {
  const t = useText(TEXT);
  const { result, selected } = props;
  const [shown, setShown] = useState(PAGE);
  const key = selected ? `${selected.t}-${selected.p}` : 'all';
  const [shownFor, setShownFor] = useState(key);
  if (shownFor !== key) {
    setShownFor(key);
    setShown(PAGE);
  }

  const members = useMemo(() => {
    const list = selected ? cellMembers(result, selected.t, selected.p) : Array.from(result.misclassified);
    const conf = (i: number) => result.topProbs[i * TOP];
    const diag = selected !== null && selected.t === selected.p;
    return list.sort((a, b) => (diag ? conf(a) - conf(b) : conf(b) - conf(a)));
  }, [result, selected]);

  const title = !selected
    ? fmt(t.mistakes, { n: members.length })
    : selected.t === selected.p
      ? fmt(t.diag, { t: selected.t, n: members.length })
      : fmt(t.cell, { t: selected.t, p: selected.p, n: members.length });

  return (
    <section className="eval-gallery" aria-label={title} data-testid="eval-gallery" data-filter={key} data-count={members.length}>
      <div className="eval-gallery-head">
        <h4 aria-live="polite">{title}</h4>
        {selected ? (
          <button type="button" onClick={props.onShowAll} data-testid="eval-show-all">
            {t.all}
          </button>
        ) : null}
      </div>
      <p className="muted">{selected && selected.t === selected.p ? t.orderDiag : t.order}</p>
      {!props.data ? (
        <p className="muted">{t.loading}</p>
      ) : members.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <ul className="eval-items">
          {members.slice(0, shown).map((i) => {
            const pred = result.topClasses[i * TOP];
            const label = result.labels[i];
            return (
              <li key={i} className={`eval-item${pred === label ? '' : ' eval-item-wrong'}`} data-testid="eval-gallery-item" data-index={i}>
                <DigitCanvas pixels={imageAt(props.data!, i)} size={56} label={fmt(t.image, { i, t: label, p: pred })} />
                <div className="eval-item-text">
                  <span className="eval-item-title">
                    {label} → <strong>{pred}</strong>
                  </span>
                  <ol className="eval-top" aria-label={t.top}>
                    {Array.from({ length: TOP }, (_, j) => {
                      const k = result.topClasses[i * TOP + j];
                      const p = result.topProbs[i * TOP + j];
                      return (
                        <li key={j} className={k === label ? 'is-true' : undefined}>
                          <span className="eval-top-k">{k}</span>
                          <span className="eval-top-bar" aria-hidden="true">
                            <span style={{ width: `${Math.max(1, p * 100)}%` }} />
                          </span>
                          <span className="eval-top-p">{(p * 100).toFixed(p < 0.1 ? 1 : 0)}%</span>
                        </li>
                      );
                    })}
                  </ol>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {props.data && members.length > shown ? (
        <button type="button" onClick={() => setShown(shown + PAGE)} data-testid="eval-more">
          {fmt(t.more, { n: Math.min(PAGE, members.length - shown) })}
        </button>
      ) : null}
    </section>
  );
}
