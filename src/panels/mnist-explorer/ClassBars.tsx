import { fmt, useText, type TextTable } from '../../app/i18n';

const TEXT: TextTable<'title' | 'pick' | 'bar' | 'most' | 'least' | 'source' | 'verified'> = {
  zh: {
    title: '训练集中每个数字的图像数（点击柱子按类别浏览）',
    pick: '按类别浏览',
    bar: '数字 {d}：{n} 张',
    most: '最多',
    least: '最少',
    source: '来自数据清单',
    verified: '已用标签逐一核对',
  },
  en: {
    title: 'Training images per digit (click a bar to browse that class)',
    pick: 'Browse by class',
    bar: 'Digit {d}: {n} images',
    most: 'most',
    least: 'fewest',
    source: 'from the data manifest',
    verified: 'checked against every label',
  },
};

/** A column chart of the class counts whose columns are also the class picker. */
export function ClassBars(props: { counts: number[] | null; selected: number; onSelect(d: number): void; verified: boolean }) {
  const t = useText(TEXT);
  const counts = props.counts ?? new Array(10).fill(0);
  const max = Math.max(1, ...counts);
  const hi = counts.indexOf(Math.max(...counts));
  const lo = counts.indexOf(Math.min(...counts));
  return (
    <figure className="mx-bars-fig">
      <figcaption className="mx-caption">
        {t.title}
        {props.counts ? <span className="mx-source"> · {props.verified ? `✓ ${t.verified}` : t.source}</span> : null}
      </figcaption>
      <div className="mx-bars" role="group" aria-label={t.pick}>
        {counts.map((n, d) => (
          <button
            key={d}
            type="button"
            className="mx-bar-col"
            aria-pressed={props.selected === d}
            aria-label={fmt(t.bar, { d, n: n.toLocaleString('en-US') })}
            onClick={() => props.onSelect(d)}
            data-testid={`mx-class-${d}`}
          >
            <span className="mx-bar-n">{props.counts ? n.toLocaleString('en-US') : '…'}</span>
            <span className="mx-bar-track">
              <span className={`mx-bar${d === hi ? ' is-max' : d === lo ? ' is-min' : ''}`} style={{ height: `${(n / max) * 100}%` }} />
            </span>
            <span className="mx-bar-d">{d}</span>
            {props.counts && (d === hi || d === lo) ? <span className="mx-bar-tag">{d === hi ? t.most : t.least}</span> : <span className="mx-bar-tag" />}
          </button>
        ))}
      </div>
    </figure>
  );
}
