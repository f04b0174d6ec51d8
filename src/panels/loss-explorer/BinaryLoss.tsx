import { useText, type TextTable } from '../../app/i18n';
import { centralDiff } from '../../ml/teach/activations';
import { bce, bceGrad, mse, mseGrad } from '../../ml/teach/losses';
import { CurvePlot, sampleCurve } from '../../ui/CurvePlot';
import { fixed } from '../../ui/formatNumber';
import { Slider } from '../../ui/Slider';
import { NumericCheck } from './NumericCheck';
import { useThemeColors } from '../../ui/theme';

type K = 'target' | 'pred' | 'loss' | 'grad' | 'lossPlot' | 'gradPlot' | 'formulaMse' | 'formulaBce' | 'bceNote' | 'mseNote';

const TEXT: TextTable<K> = {
  zh: {
    target: '目标 y', pred: '预测 ŷ', loss: '损失 L', grad: '梯度 dL/dŷ', lossPlot: '损失随预测值 ŷ 变化的曲线', gradPlot: '梯度 dL/dŷ 随预测值 ŷ 变化的曲线',
    formulaMse: 'L = (ŷ − y)²，dL/dŷ = 2(ŷ − y)', formulaBce: 'L = −[y log ŷ + (1 − y) log(1 − ŷ)]，dL/dŷ = (ŷ − y) / (ŷ(1 − ŷ))',
    bceNote: '预测越靠近错误的一端，损失和斜率都越陡：ŷ → 错误端时损失趋于无穷（框架会把 ŷ 裁剪到 [10⁻⁷, 1 − 10⁻⁷]）。',
    mseNote: '梯度与误差成正比：误差越大，推力越大；平方让离群点的影响格外大。',
  },
  en: {
    target: 'Target y', pred: 'Prediction ŷ', loss: 'Loss L', grad: 'Gradient dL/dŷ', lossPlot: 'Loss as a function of the prediction ŷ', gradPlot: 'Gradient dL/dŷ as a function of the prediction ŷ',
    formulaMse: 'L = (ŷ − y)², dL/dŷ = 2(ŷ − y)', formulaBce: 'L = −[y log ŷ + (1 − y) log(1 − ŷ)], dL/dŷ = (ŷ − y) / (ŷ(1 − ŷ))',
    bceNote: 'The closer the prediction gets to the wrong end, the steeper both the loss and its slope: the loss goes to infinity (frameworks clip ŷ to [10⁻⁷, 1 − 10⁻⁷]).',
    mseNote: 'The gradient is proportional to the error: the bigger the error, the harder the push; squaring gives outliers an outsized effect.',
  },
};

/** MSE or BCE for one example: L(ŷ) and dL/dŷ plotted for the chosen target, with a cursor at ŷ. */
export function BinaryLoss(props: { kind: 'mse' | 'bce'; y: number; yhat: number; onY(v: number): void; onYhat(v: number): void }) {
  const t = useText(TEXT);
  const tc = useThemeColors();
  const { kind, y, yhat } = props;
  const L = kind === 'mse' ? (p: number) => mse(p, y) : (p: number) => bce(p, y);
  const dL = kind === 'mse' ? (p: number) => mseGrad(p, y) : (p: number) => bceGrad(p, y);
  const xDomain: [number, number] = kind === 'mse' ? [y - 2, y + 2] : [0, 1];
  const [a, b] = kind === 'mse' ? xDomain : [0.001, 0.999];
  // Near ŷ = 0 or 1 the BCE curve is steep; a step that shrinks there keeps the difference accurate.
  const h = kind === 'bce' ? Math.min(1e-5, yhat * (1 - yhat) * 1e-3) : 1e-5;
  const analytic = dL(yhat);
  const numeric = centralDiff(L, yhat, h);
  const lossMax = kind === 'mse' ? 4 : 5;
  const gradLim = kind === 'mse' ? 4.5 : 12;

  return (
    <div className="loss-binary">
      <p className="loss-formula">{kind === 'mse' ? t.formulaMse : t.formulaBce}</p>
      <div className="loss-inputs">
        {kind === 'bce' ? (
          <div className="controls" role="group" aria-label={t.target}>
            <span className="loss-label">{t.target}</span>
            {[0, 1].map((v) => (
              <button key={v} type="button" aria-pressed={y === v} onClick={() => props.onY(v)} data-testid={`loss-y-${v}`}>
                y = {v}
              </button>
            ))}
          </div>
        ) : (
          <Slider label={t.target} value={y} min={-2} max={2} step={0.05} format={(v) => fixed(v, 2)} onChange={props.onY} testId="loss-y" />
        )}
        <Slider label={t.pred} value={yhat} min={kind === 'bce' ? 0.001 : -3} max={kind === 'bce' ? 0.999 : 3} step={kind === 'bce' ? 0.001 : 0.01} format={(v) => fixed(v, 3)} onChange={props.onYhat} testId="loss-yhat" />
      </div>
      <div className="loss-plots">
        <CurvePlot
          curves={[{ label: 'L(ŷ)', color: tc.blue, points: sampleCurve(L, a, b, 300) }]}
          xDomain={xDomain}
          yDomain={[0, lossMax]}
          xLabel="ŷ"
          yLabel="L"
          ariaLabel={`${t.lossPlot} (y = ${fixed(y, 2)})`}
          cursorX={yhat}
          markers={[{ x: yhat, y: L(yhat), color: tc.blue }]}
          onPointerX={(v) => props.onYhat(Math.min(b, Math.max(a, Math.round(v * 1000) / 1000)))}
          width={420}
          height={260}
        />
        <CurvePlot
          curves={[{ label: 'dL/dŷ', color: tc.red, points: sampleCurve(dL, a, b, 300) }]}
          xDomain={xDomain}
          yDomain={[-gradLim, gradLim]}
          xLabel="ŷ"
          yLabel="dL/dŷ"
          ariaLabel={`${t.gradPlot} (y = ${fixed(y, 2)})`}
          cursorX={yhat}
          markers={[{ x: yhat, y: analytic, color: tc.red }]}
          onPointerX={(v) => props.onYhat(Math.min(b, Math.max(a, Math.round(v * 1000) / 1000)))}
          width={420}
          height={260}
        />
      </div>
      <dl className="stats">
        <div>
          <dt>{t.loss}</dt>
          <dd data-testid="loss-value">{fixed(L(yhat), 4)}</dd>
        </div>
        <div>
          <dt>{t.grad}</dt>
          <dd data-testid="loss-grad">{fixed(analytic, 4)}</dd>
        </div>
      </dl>
      <NumericCheck analytic={[analytic]} numeric={[numeric]} />
      <p className="muted">{kind === 'mse' ? t.mseNote : t.bceNote}</p>
    </div>
  );
}
