import { useId, useState } from 'react';
import { useText, type TextTable } from '../../app/i18n';
import { MathTex } from '../../content/MathTex';
import { centralDifference, relativeError } from '../../ml/teach/autodiff';
import { buildGraph, lossOf, type GraphSpec } from './graphs';
import { sig3 } from './GraphSvg';

const TEXT: TextTable<'title' | 'h' | 'run' | 'param' | 'analytic' | 'numeric' | 'rel' | 'ok' | 'meh' | 'bad' | 'hint' | 'caption'> = {
  zh: {
    title: '梯度检验', h: '步长 h', run: '做梯度检验', param: '变量', analytic: '反向传播 ∂L/∂θ', numeric: '中心差分', rel: '相对误差', ok: '一致', meh: '勉强', bad: '不一致',
    hint: '双精度下 h ≈ 10⁻⁵ 时，正确的实现相对误差通常 ≤ 10⁻⁷。把 h 调得很大（截断误差 O(h²)）或很小（舍入误差约 ∝ 1/h）看看误差怎么变。',
    caption: '每个输入和参数的反向传播梯度与中心差分的比较',
  },
  en: {
    title: 'Gradient check', h: 'Step h', run: 'Run gradient check', param: 'Variable', analytic: 'Backprop ∂L/∂θ', numeric: 'Central difference', rel: 'Relative error', ok: 'agrees', meh: 'borderline', bad: 'disagrees',
    hint: 'In double precision with h ≈ 10⁻⁵ a correct implementation usually gives ≤ 10⁻⁷. Make h large (truncation error O(h²)) or tiny (rounding error ∝ 1/h) and watch the error change.',
    caption: 'Backprop gradient of every input and parameter compared with a central difference',
  },
};

const H_OPTIONS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-7, 1e-9];

interface Row {
  key: string;
  analytic: number;
  numeric: number;
  rel: number;
}

/** Compares backprop's gradient of every input and parameter with (L(θ+h) − L(θ−h)) / 2h. */
export function GradCheck({ spec, values, initialH }: { spec: GraphSpec; values: Record<string, number>; initialH: number }) {
  const t = useText(TEXT);
  const hId = useId();
  const [h, setH] = useState(initialH);
  const [rows, setRows] = useState<{ rows: Row[]; for: Record<string, number>; h: number } | null>(null);
  const options = H_OPTIONS.includes(h) ? H_OPTIONS : [...H_OPTIONS, h].sort((a, b) => b - a);
  // Results belong to the values and h they were computed for; an edit hides them.
  const current = rows && rows.for === values && rows.h === h ? rows.rows : null;

  const run = () => {
    const g = buildGraph(spec, values);
    const f = lossOf(spec);
    const out = spec.leaves
      .filter((l) => l.kind !== 'target')
      .map((l) => {
        const analytic = g.byKey.get(l.key)?.grad ?? 0;
        const numeric = centralDifference(f, values, l.key, h);
        return { key: l.key, analytic, numeric, rel: relativeError(analytic, numeric) };
      });
    setRows({ rows: out, for: values, h });
  };

  return (
    <section className="bp-check" aria-labelledby={`${hId}-title`}>
      <h4 id={`${hId}-title`}>{t.title}</h4>
      <MathTex tex={'\\frac{\\partial L}{\\partial \\theta_i} \\approx \\frac{L(\\theta + h\\,e_i) - L(\\theta - h\\,e_i)}{2h}, \\qquad \\text{rel} = \\frac{|g_a - g_n|}{\\max(|g_a|, |g_n|)}'} display />
      <div className="bp-check-bar">
        <label htmlFor={hId}>{t.h}</label>
        <select id={hId} value={String(h)} onChange={(e) => setH(Number(e.target.value))} data-testid="bp-check-h">
          {options.map((o) => (
            <option key={o} value={String(o)}>
              {o.toExponential(0)}
            </option>
          ))}
        </select>
        <button type="button" className="primary" onClick={run} data-testid="bp-gradcheck">
          {t.run}
        </button>
      </div>
      {current ? (
        <table className="bp-check-table" data-testid="bp-gradcheck-table">
          <caption className="muted">{t.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.param}</th>
              <th scope="col">{t.analytic}</th>
              <th scope="col">{t.numeric}</th>
              <th scope="col">{t.rel}</th>
            </tr>
          </thead>
          <tbody>
            {current.map((r) => {
              const verdict = r.rel <= 1e-7 ? 'ok' : r.rel <= 1e-4 ? 'meh' : 'bad';
              return (
                <tr key={r.key}>
                  <th scope="row">{spec.nodes[r.key].text}</th>
                  <td>{r.analytic.toPrecision(8)}</td>
                  <td>{r.numeric.toPrecision(8)}</td>
                  <td className={`bp-rel bp-rel-${verdict}`}>
                    {r.rel === 0 ? '0' : sig3(r.rel)} <span>({t[verdict]})</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <p className="muted bp-check-hint">{t.hint}</p>
    </section>
  );
}
