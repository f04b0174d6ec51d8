import { fmt, useText, type TextTable } from '../../app/i18n';
import { classStats } from '../../ml/inspect/metrics';

const TEXT: TextTable<'title' | 'axis' | 'row' | 'precision'> = {
  zh: {
    title: '每一类的准确率（召回率）',
    axis: '条形从 {lo}% 画到 100%，差别才看得清。',
    row: '数字 {k}：召回率 {r}（{c} / {n}），精确率 {p}',
    precision: '精确率',
  },
  en: {
    title: 'Accuracy per class (recall)',
    axis: 'Bars run from {lo}% to 100% so the differences show.',
    row: 'Digit {k}: recall {r} ({c} of {n}), precision {p}',
    precision: 'precision',
  },
};

const pct = (v: number, d = 1) => (Number.isNaN(v) ? '–' : `${(v * 100).toFixed(d)}%`);

/** Per-class recall as horizontal bars (axis starting near the lowest value, and saying so), with precision beside. */
export function ClassBars({ confusion }: { confusion: Int32Array }) {
  const t = useText(TEXT);
  const stats = classStats(confusion);
  const worst = Math.min(...stats.map((s) => (Number.isNaN(s.recall) ? 1 : s.recall)));
  const lo = Math.max(0, Math.min(90, Math.floor((worst * 100 - 2) / 5) * 5));
  const worstK = stats.findIndex((s) => s.recall === worst);
  return (
    <section className="eval-classes" data-testid="eval-classes">
      <h4>{t.title}</h4>
      <p className="muted">{fmt(t.axis, { lo })}</p>
      <ul>
        {stats.map((s, k) => {
          const w = Number.isNaN(s.recall) ? 0 : Math.max(0, ((s.recall * 100 - lo) / (100 - lo)) * 100);
          return (
            <li key={k}>
              <span className="lab-sr">{fmt(t.row, { k, r: pct(s.recall, 2), c: s.correct, n: s.support, p: pct(s.precision, 2) })}</span>
              <span className="eval-class-k" aria-hidden="true">
                {k}
              </span>
              <span className="eval-class-bar" aria-hidden="true">
                <span className={k === worstK ? 'is-worst' : undefined} style={{ width: `${w}%` }} />
              </span>
              <span className="eval-class-v" aria-hidden="true">
                {pct(s.recall)} <span className="muted">· {t.precision} {pct(s.precision)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
