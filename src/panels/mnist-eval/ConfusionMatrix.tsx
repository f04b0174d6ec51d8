import { fmt, useText, type TextTable } from '../../app/i18n';
import { classStats, CLASSES } from '../../ml/inspect/metrics';
import { css, mix, textOn, WHITE, type Rgb } from '../../ml/inspect/colormap';

const TEXT: TextTable<'caption' | 'predicted' | 'truth' | 'corner' | 'recall' | 'precision' | 'cell' | 'cellOne'> = {
  zh: {
    caption: '混淆矩阵：行是真实类别，列是预测类别。选择一个格子，查看它所统计的图像。',
    predicted: '预测类别 →',
    truth: '真实类别',
    corner: '真实 \\ 预测',
    recall: '召回率',
    precision: '精确率',
    cell: '真实为 {t}、预测为 {p}：{n} 张图像',
    cellOne: '真实为 {t}、预测为 {p}：1 张图像',
  },
  en: {
    caption: 'Confusion matrix: rows are true classes, columns are predicted classes. Select a cell to see the images it counts.',
    predicted: 'Predicted class →',
    truth: 'True class',
    corner: 'true \\ predicted',
    recall: 'Recall',
    precision: 'Precision',
    cell: 'True {t}, predicted {p}: {n} images',
    cellOne: 'True {t}, predicted {p}: 1 image',
  },
};

const RIGHT: Rgb = [36, 81, 183];
const WRONG: Rgb = [178, 34, 34];

const pct = (v: number) => (Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)}%`);

/**
 * The 10×10 confusion matrix as a real table. Correct cells (the diagonal) are shaded blue by
 * the row's recall; mistakes red by √(count / largest mistake), so single errors stay visible.
 * Non-empty cells are buttons that open their images.
 */
export function ConfusionMatrix(props: { confusion: Int32Array; selected: { t: number; p: number } | null; onSelect(t: number, p: number): void }) {
  const t = useText(TEXT);
  const { confusion } = props;
  const stats = classStats(confusion);
  let maxOff = 0;
  for (let i = 0; i < CLASSES; i++) for (let j = 0; j < CLASSES; j++) if (i !== j) maxOff = Math.max(maxOff, confusion[i * CLASSES + j]);

  const colour = (i: number, j: number, n: number): Rgb => {
    if (n === 0) return WHITE;
    if (i === j) return mix(WHITE, RIGHT, 0.25 + 0.75 * (n / Math.max(1, stats[i].support)));
    return mix(WHITE, WRONG, 0.15 + 0.85 * Math.sqrt(n / Math.max(1, maxOff)));
  };

  return (
    <div className="cm-wrap">
      <table className="cm" data-testid="eval-confusion">
        <caption>{t.caption}</caption>
        <thead>
          <tr>
            <td colSpan={2} />
            <th scope="colgroup" colSpan={CLASSES} className="cm-axis">
              {t.predicted}
            </th>
            <td />
          </tr>
          <tr>
            <td />
            <th scope="col" className="cm-corner">
              <span className="lab-sr">{t.corner}</span>
            </th>
            {Array.from({ length: CLASSES }, (_, j) => (
              <th scope="col" key={j} className="cm-head">
                {j}
              </th>
            ))}
            <th scope="col" className="cm-margin-head">
              {t.recall}
            </th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: CLASSES }, (_, i) => (
            <tr key={i}>
              {i === 0 ? (
                <th scope="rowgroup" rowSpan={CLASSES} className="cm-axis cm-axis-y">
                  <span>{t.truth}</span>
                </th>
              ) : null}
              <th scope="row" className="cm-head">
                {i}
              </th>
              {Array.from({ length: CLASSES }, (_, j) => {
                const n = confusion[i * CLASSES + j];
                const bg = colour(i, j, n);
                const style = { background: css(bg), color: css(textOn(bg)) };
                const cls = `cm-cell${i === j ? ' cm-diag' : ''}`;
                if (n === 0) {
                  return (
                    <td key={j} className={`${cls} cm-zero`} data-testid={`cm-${i}-${j}`}>
                      0
                    </td>
                  );
                }
                const active = props.selected?.t === i && props.selected?.p === j;
                return (
                  <td key={j} className={cls} style={style}>
                    <button
                      type="button"
                      aria-pressed={active}
                      aria-label={n === 1 ? fmt(t.cellOne, { t: i, p: j }) : fmt(t.cell, { t: i, p: j, n })}
                      style={{ color: style.color }}
                      onClick={() => props.onSelect(i, j)}
                      data-testid={`cm-${i}-${j}`}
                      data-count={n}
                    >
                      {n}
                    </button>
                  </td>
                );
              })}
              <td className="cm-margin">{pct(stats[i].recall)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row" className="cm-margin-head">
              {t.precision}
            </th>
            {stats.map((s, j) => (
              <td key={j} className="cm-margin">
                {pct(s.precision)}
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
