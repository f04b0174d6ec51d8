import { fmt, useText, type TextTable } from '../../app/i18n';
import type { PatchTerm, PoolMode } from '../../ml/teach/conv';
import { cellRgb, fmtNum, textOn } from './format';

const TEXT: TextTable<'title' | 'patch' | 'kernel' | 'products' | 'sum' | 'padded' | 'relu' | 'pool' | 'max' | 'avg' | 'where'> = {
  zh: {
    title: '输出像素 ({i}, {j}) 是怎么算出来的',
    patch: '输入窗口', kernel: '卷积核', products: '逐元素乘积', sum: '九个乘积之和',
    padded: '灰色斜体的 0 来自填充，不在原图里', relu: 'ReLU', pool: '池化',
    max: '取 2×2 块中的最大值', avg: '取 2×2 块的平均值',
    where: '窗口左上角在输入的第 {y} 行第 {x} 列（从 0 数起）',
  },
  en: {
    title: 'How output pixel ({i}, {j}) is computed',
    patch: 'Input window', kernel: 'Kernel', products: 'Element-wise products', sum: 'Sum of the nine products',
    padded: 'Grey italic 0s come from the padding, outside the image', relu: 'ReLU', pool: 'Pooling',
    max: 'the largest value of the 2×2 block', avg: 'the mean of the 2×2 block',
    where: "The window's top-left corner is input row {y}, column {x} (counting from 0)",
  },
};

function Grid(props: { caption: string; values: number[]; padded?: boolean[]; mode: 'ink' | 'signed'; scale: number; digits: number }) {
  return (
    <table className="conv-mini">
      <caption>{props.caption}</caption>
      <tbody>
        {[0, 1, 2].map((r) => (
          <tr key={r}>
            {[0, 1, 2].map((c) => {
              const i = r * 3 + c;
              const v = props.values[i];
              const pad = props.padded?.[i];
              const bg = cellRgb(v, props.mode, props.scale);
              return (
                <td
                  key={c}
                  className={pad ? 'is-pad' : undefined}
                  style={pad ? undefined : { background: `rgb(${bg.join(',')})`, color: textOn(bg) }}
                >
                  {fmtNum(v, props.digits)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The teaching moment: the 3×3 input window ⊙ the kernel = nine products, their sum, then
 * ReLU and the pooling step for the block holding the selected pixel.
 */
export function PatchMath(props: {
  i: number;
  j: number;
  top: number;
  left: number;
  terms: PatchTerm[];
  sum: number;
  relu: boolean;
  pool: { mode: PoolMode; values: number[]; result: number; i: number; j: number } | null;
}) {
  const t = useText(TEXT);
  const { terms } = props;
  const maxW = Math.max(1e-9, ...terms.map((x) => Math.abs(x.weight)));
  const maxP = Math.max(1e-9, ...terms.map((x) => Math.abs(x.product)));
  const anyPad = terms.some((x) => x.padded);
  const activated = props.relu ? Math.max(0, props.sum) : props.sum;
  return (
    <section className="conv-math">
      <h4>{fmt(t.title, { i: props.i, j: props.j })}</h4>
      {/* A short live summary: the tables below would be too much to re-read on every move. */}
      <p className="conv-sr" aria-live="polite">
        ({props.i}, {props.j}): Σ = {fmtNum(props.sum, 3)}
        {props.relu ? `, ReLU = ${fmtNum(activated, 3)}` : ''}
      </p>
      <div className="conv-math-row">
        <Grid caption={t.patch} values={terms.map((x) => x.value)} padded={terms.map((x) => x.padded)} mode="ink" scale={1} digits={2} />
        <span className="conv-op" aria-hidden="true">
          ⊙
        </span>
        <Grid caption={t.kernel} values={terms.map((x) => x.weight)} mode="signed" scale={maxW} digits={3} />
        <span className="conv-op" aria-hidden="true">
          =
        </span>
        <Grid caption={t.products} values={terms.map((x) => x.product)} mode="signed" scale={maxP} digits={2} />
        <span className="conv-op" aria-hidden="true">
          →
        </span>
        <div className="conv-sum">
          <span className="muted">{t.sum}</span>
          <output data-testid="conv-sum">{fmtNum(props.sum, 3)}</output>
        </div>
      </div>
      <p className="conv-sum-line">
        Σ = {terms.map((x, k) => (x.product < 0 ? (k === 0 ? '−' : ' − ') : k === 0 ? '' : ' + ') + fmtNum(Math.abs(x.product), 2)).join('')} ={' '}
        <strong>{fmtNum(props.sum, 3)}</strong>
        {props.relu ? (
          <>
            {' '}
            → {t.relu}: max(0, {fmtNum(props.sum, 3)}) = <strong>{fmtNum(activated, 3)}</strong>
          </>
        ) : null}
      </p>
      {props.pool ? (
        <p className="conv-sum-line">
          {t.pool} ({props.pool.i}, {props.pool.j}): {props.pool.mode}({props.pool.values.map((v) => fmtNum(v, 3)).join(', ')}) ={' '}
          <strong data-testid="conv-pool-value">{fmtNum(props.pool.result, 3)}</strong> — {props.pool.mode === 'max' ? t.max : t.avg}
        </p>
      ) : null}
      <p className="muted conv-small">
        {fmt(t.where, { y: props.top, x: props.left })}
        {anyPad ? ` · ${t.padded}` : ''}
      </p>
    </section>
  );
}
