import { fmt, useText, type TextTable } from '../../app/i18n';
import { sigmoid } from '../../ml/teach/activations';
import { bceSigmoidGradLogit, mseSigmoidGradLogit } from '../../ml/teach/losses';
import { CurvePlot, sampleCurve } from '../../ui/CurvePlot';
import { fixed } from '../../ui/formatNumber';
import { Slider } from '../../ui/Slider';
import { useThemeColors } from '../../ui/theme';

type K = 'title' | 'intro' | 'logit' | 'target' | 'mse' | 'bce' | 'plot' | 'ratio' | 'wrong' | 'right' | 'yhat';

const TEXT: TextTable<K> = {
  zh: {
    title: '为什么 sigmoid + MSE 在“自信地犯错”时学得慢', intro: '输出 ŷ = σ(z)。比较两种损失对 logit z 的梯度大小：MSE 的梯度多了一个因子 σ′(z) = ŷ(1 − ŷ)，在饱和区接近 0；交叉熵里它被约掉了，只剩 ŷ − y。',
    logit: 'logit z', target: '目标 y', mse: 'MSE：|2(ŷ − y)·ŷ(1 − ŷ)|', bce: '交叉熵：|ŷ − y|', plot: '两种损失对 logit 的梯度大小随 z 变化的曲线',
    ratio: '交叉熵的梯度是 MSE 的 {r} 倍。', wrong: '预测自信且错误：MSE 几乎没有梯度，网络会在平台上缓慢爬行。', right: '预测正确：两种损失的梯度都很小，这本来就该如此。', yhat: 'ŷ = σ(z)',
  },
  en: {
    title: 'Why sigmoid + MSE learns slowly when confidently wrong', intro: 'The output is ŷ = σ(z). Compare the size of each loss’s gradient with respect to the logit z: the MSE gradient carries an extra factor σ′(z) = ŷ(1 − ŷ), close to 0 where the sigmoid saturates; the cross-entropy cancels it, leaving ŷ − y.',
    logit: 'Logit z', target: 'Target y', mse: 'MSE: |2(ŷ − y)·ŷ(1 − ŷ)|', bce: 'Cross-entropy: |ŷ − y|', plot: 'Gradient magnitude of the two losses with respect to the logit, as a function of z',
    ratio: 'The cross-entropy gradient is {r}× the MSE gradient.', wrong: 'Confidently wrong: MSE has almost no gradient, so the network crawls across a plateau.', right: 'Correct prediction: both gradients are small, as they should be.', yhat: 'ŷ = σ(z)',
  },
};


/** |dL/dz| of MSE∘σ and BCE∘σ side by side, for one logit z and a 0/1 target. */
export function SigmoidCompare(props: { z: number; y: 0 | 1; onZ(z: number): void; onY(y: 0 | 1): void }) {
  const t = useText(TEXT);
  const tc = useThemeColors();
  const MSE_COLOR = tc.orange;
  const BCE_COLOR = tc.blue;
  const { z, y } = props;
  const gm = mseSigmoidGradLogit(z, y);
  const gb = bceSigmoidGradLogit(z, y);
  const yhat = sigmoid(z);
  const wrong = Math.abs(yhat - y) > 0.9;
  const ratio = Math.abs(gm) > 1e-300 ? Math.abs(gb / gm) : Infinity;
  return (
    <section className="loss-compare" aria-label={t.title}>
      <h4>{t.title}</h4>
      <p className="muted">{t.intro}</p>
      <div className="loss-inputs">
        <Slider label={t.logit} value={z} min={-8} max={8} step={0.05} format={(v) => fixed(v, 2)} onChange={props.onZ} testId="loss-compare-z" />
        <div className="controls" role="group" aria-label={t.target}>
          <span className="loss-label">{t.target}</span>
          {([0, 1] as const).map((v) => (
            <button key={v} type="button" aria-pressed={y === v} onClick={() => props.onY(v)}>
              y = {v}
            </button>
          ))}
        </div>
      </div>
      <CurvePlot
        curves={[
          { label: t.mse, color: MSE_COLOR, points: sampleCurve((u) => Math.abs(mseSigmoidGradLogit(u, y)), -8, 8, 320) },
          { label: t.bce, color: BCE_COLOR, points: sampleCurve((u) => Math.abs(bceSigmoidGradLogit(u, y)), -8, 8, 320), dash: '8 4' },
        ]}
        xDomain={[-8, 8]}
        yDomain={[0, 1.05]}
        xLabel="z"
        yLabel="|dL/dz|"
        ariaLabel={t.plot}
        cursorX={z}
        markers={[
          { x: z, y: Math.abs(gm), color: MSE_COLOR },
          { x: z, y: Math.abs(gb), color: BCE_COLOR },
        ]}
        onPointerX={(v) => props.onZ(Math.round(v * 20) / 20)}
        height={240}
      />
      <dl className="stats">
        <div>
          <dt>{t.yhat}</dt>
          <dd>{fixed(yhat, 4)}</dd>
        </div>
        <div>
          <dt>MSE dL/dz</dt>
          <dd data-testid="loss-compare-mse">{fixed(gm, 4)}</dd>
        </div>
        <div>
          <dt>BCE dL/dz</dt>
          <dd data-testid="loss-compare-bce">{fixed(gb, 4)}</dd>
        </div>
      </dl>
      <p className={wrong ? 'loss-compare-note loss-compare-wrong' : 'loss-compare-note'} aria-live="polite">
        {fmt(t.ratio, { r: Number.isFinite(ratio) ? (ratio >= 100 ? Math.round(ratio).toString() : ratio.toFixed(1)) : '∞' })} {wrong ? t.wrong : Math.abs(yhat - y) < 0.1 ? t.right : ''}
      </p>
    </section>
  );
}
