import { useText, type TextTable } from '../../app/i18n';
import { maxAbsDiff } from '../../ml/teach/losses';

const TEXT: TextTable<'ok' | 'bad' | 'diff' | 'how'> = {
  zh: { ok: '数值检验 ✓', bad: '数值检验 ✗', diff: '最大差值 |解析 − 数值|', how: '数值梯度用中心差分 (L(v + h) − L(v − h)) / 2h 算出' },
  en: { ok: 'numeric check ✓', bad: 'numeric check ✗', diff: 'max |analytic − numeric|', how: 'numeric gradient from central differences (L(v + h) − L(v − h)) / 2h' },
};

/** Relative tolerance: the difference is compared with the gradient's own size (at least 1). */
export const CHECK_TOLERANCE = 1e-5;

/** Shows whether an analytic gradient matches its finite-difference estimate, and by how much. */
export function NumericCheck({ analytic, numeric }: { analytic: readonly number[]; numeric: readonly number[] }) {
  const t = useText(TEXT);
  const diff = maxAbsDiff(analytic, numeric);
  const scale = Math.max(1, ...analytic.map(Math.abs));
  const ok = Number.isFinite(diff) && diff / scale < CHECK_TOLERANCE;
  return (
    <p className={ok ? 'loss-check loss-check-ok' : 'loss-check loss-check-bad'} data-testid="loss-check">
      <strong>{ok ? t.ok : t.bad}</strong> · {t.diff} = <span className="loss-mono">{diff.toExponential(1).replace('-', '−')}</span>
      <span className="loss-check-how">{t.how}</span>
    </p>
  );
}
