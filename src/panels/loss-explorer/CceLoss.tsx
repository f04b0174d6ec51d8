import { fmt, useText, type TextTable } from '../../app/i18n';
import { softmax } from '../../ml/teach/activations';
import { cceFromLogits, cceGradLogits, numericGradient } from '../../ml/teach/losses';
import { CurvePlot, sampleCurve } from '../../ui/CurvePlot';
import { fixed } from '../../ui/formatNumber';
import { Slider } from '../../ui/Slider';
import { NumericCheck } from './NumericCheck';
import { useThemeColors } from '../../ui/theme';

type K = 'target' | 'cls' | 'logit' | 'probs' | 'grad' | 'loss' | 'plot' | 'probsAria' | 'gradAria' | 'sum' | 'pc' | 'axis';

const TEXT: TextTable<K> = {
  zh: {
    target: '正确类别', cls: '类别 {i}', logit: '类别 {i} 的 logit z{i}', probs: 'softmax 概率 ŷ', grad: '对 logits 的梯度 ŷ − y', loss: '损失 L',
    plot: '交叉熵损失 −log ŷ_c 随正确类别概率 ŷ_c 变化的曲线', pc: '正确类别的概率', axis: 'ŷ（正确类别的概率）',
    probsAria: '三个类别的 softmax 概率柱状图', gradAria: '损失对三个 logit 的梯度柱状图', sum: '梯度各分量之和',
  },
  en: {
    target: 'Correct class', cls: 'class {i}', logit: 'class {i} logit z{i}', probs: 'Softmax probabilities ŷ', grad: 'Gradient w.r.t. the logits, ŷ − y', loss: 'Loss L',
    plot: 'Cross-entropy loss −log ŷ_c as a function of the correct-class probability ŷ_c', pc: 'Probability of the correct class', axis: 'ŷ (probability of the correct class)',
    probsAria: 'Bar chart of the softmax probabilities of the three classes', gradAria: 'Bar chart of the gradient of the loss with respect to the three logits', sum: 'Sum of the gradient components',
  },
};

const BW = 380;
const BH = 170;

/** Vertical bars for values in [lo, hi] with a zero line; the target class drawn darker. */
function Bars(props: { values: number[]; lo: number; hi: number; color: string; strong: number; aria: string; testId: string }) {
  const { values, lo, hi } = props;
  const top = 18;
  const bottom = BH - 22;
  const sy = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  const slot = BW / values.length;
  const tc = useThemeColors();
  return (
    <svg viewBox={`0 0 ${BW} ${BH}`} className="loss-bars" role="img" aria-label={`${props.aria}: ${values.map((v) => fixed(v, 3)).join(', ')}`} data-testid={props.testId}>
      <line x1={0} x2={BW} y1={sy(0)} y2={sy(0)} stroke={tc.plotAxis} />
      {values.map((v, i) => {
        const y0 = sy(0);
        const y1 = sy(v);
        const x = i * slot + slot * 0.22;
        return (
          <g key={i}>
            <rect x={x} y={Math.min(y0, y1)} width={slot * 0.56} height={Math.abs(y1 - y0)} fill={props.color} opacity={i === props.strong ? 1 : 0.6} rx={3} />
            <text x={x + slot * 0.28} y={v >= 0 ? y1 - 5 : y1 + 14} textAnchor="middle" className="softmax-p">
              {fixed(v, 3)}
            </text>
            <text x={x + slot * 0.28} y={BH - 5} textAnchor="middle" className="plot-tick">{`${i + 1}${i === props.strong ? ' ✓' : ''}`}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Three-class softmax + cross-entropy: logits in, probabilities, loss and ŷ − y out, checked numerically. */
export function CceLoss(props: { z: number[]; target: number; onZ(z: number[]): void; onTarget(c: number): void }) {
  const t = useText(TEXT);
  const tc = useThemeColors();
  const { z, target } = props;
  const p = softmax(z);
  const loss = cceFromLogits(z, target);
  const grad = cceGradLogits(z, target);
  const numeric = numericGradient((v) => cceFromLogits(v, target), z);
  return (
    <div className="loss-cce">
      <p className="loss-formula">
        L = −Σ<sub>k</sub> y<sub>k</sub> log ŷ<sub>k</sub> = −log ŷ<sub>c</sub>, ∂L/∂z = ŷ − y
      </p>
      <div className="controls" role="group" aria-label={t.target}>
        <span className="loss-label">{t.target}</span>
        {z.map((_, i) => (
          <button key={i} type="button" aria-pressed={target === i} onClick={() => props.onTarget(i)} data-testid={`loss-target-${i + 1}`}>
            {fmt(t.cls, { i: i + 1 })}
          </button>
        ))}
      </div>
      <div className="loss-inputs">
        {z.map((v, i) => (
          <Slider key={i} label={fmt(t.logit, { i: i + 1 })} value={v} min={-6} max={6} step={0.05} format={(u) => fixed(u, 2)} onChange={(u) => props.onZ(z.map((w, j) => (j === i ? u : w)))} testId={`loss-logit-${i + 1}`} />
        ))}
      </div>
      <div className="loss-bars-row">
        <figure>
          <figcaption>{t.probs}</figcaption>
          <Bars values={p} lo={0} hi={1} color={tc.blue} strong={target} aria={t.probsAria} testId="loss-probs" />
        </figure>
        <figure>
          <figcaption>{t.grad}</figcaption>
          <Bars values={grad} lo={-1} hi={1} color={tc.red} strong={target} aria={t.gradAria} testId="loss-grad-bars" />
        </figure>
      </div>
      <dl className="stats">
        <div>
          <dt>
            {t.loss} = −log ŷ<sub>c</sub>
          </dt>
          <dd data-testid="loss-value">{fixed(loss, 4)}</dd>
        </div>
        <div>
          <dt>
            {t.pc} ŷ<sub>c</sub>
          </dt>
          <dd>{fixed(p[target], 4)}</dd>
        </div>
        <div>
          <dt>{t.sum}</dt>
          <dd>{fixed(grad.reduce((a, b) => a + b, 0), 4)}</dd>
        </div>
      </dl>
      <NumericCheck analytic={grad} numeric={numeric} />
      <CurvePlot
        curves={[{ label: 'L', color: tc.blue, points: sampleCurve((q) => -Math.log(q), 0.002, 1, 300) }]}
        xDomain={[0, 1]}
        yDomain={[0, 5]}
        xLabel={t.axis}
        yLabel="L"
        ariaLabel={t.plot}
        cursorX={p[target]}
        markers={[{ x: p[target], y: loss, color: tc.blue }]}
        height={220}
      />
    </div>
  );
}
