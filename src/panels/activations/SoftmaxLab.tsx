import { useState } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import { entropy, softmax } from '../../ml/teach/activations';
import { fixed, short } from '../../ui/formatNumber';
import { NumberField } from '../../ui/NumberField';
import { Slider } from '../../ui/Slider';
import { useThemeColors } from '../../ui/theme';

type K = 'title' | 'logits' | 'logit' | 'add' | 'remove' | 'temp' | 'bars' | 'stable' | 'scaled' | 'entropy' | 'uniform' | 'cold' | 'hot' | 'preset' | 'huge' | 'mid';

const TEXT: TextTable<K> = {
  zh: {
    title: 'Softmax 与温度', logits: 'logits z', logit: '第 {i} 个 logit', add: '加一个类别', remove: '减一个类别', temp: '温度 T',
    bars: '各类别的 softmax 概率柱状图', stable: '数值稳定：先减去最大值', scaled: 'z / T', entropy: '熵', uniform: '均匀分布的熵 log K',
    cold: 'T 很小：分布接近 argmax 的 one-hot——几乎所有概率都给了最大的 logit。', hot: 'T 很大：分布接近均匀分布，logits 的差别几乎被抹平。',
    mid: 'T → 0 时趋于 argmax（one-hot），T → ∞ 时趋于均匀分布；T = 1 是普通的 softmax。',
    preset: '本章的例子 (2, 1, 0.1)', huge: '大数 (1000, 1001, 1002)',
  },
  en: {
    title: 'Softmax with temperature', logits: 'Logits z', logit: 'logit {i}', add: 'Add a class', remove: 'Remove a class', temp: 'Temperature T',
    bars: 'Bar chart of the softmax probability of each class', stable: 'Numerically stable: subtract the maximum first', scaled: 'z / T', entropy: 'Entropy', uniform: 'Entropy of the uniform distribution, log K',
    cold: 'Small T: the distribution approaches the one-hot argmax, with nearly all probability on the largest logit.', hot: 'Large T: the distribution approaches uniform; the differences between logits are washed out.',
    mid: 'As T → 0 it approaches the argmax (one-hot); as T → ∞ it approaches uniform. T = 1 is the ordinary softmax.',
    preset: "The chapter's example (2, 1, 0.1)", huge: 'Huge logits (1000, 1001, 1002)',
  },
};

const BAR_W = 520;
const BAR_H = 190;

/** Editable logits (3–5) and a log-scale temperature slider, with the probabilities as bars. */
export function SoftmaxLab({ initialT }: { initialT: number }) {
  const t = useText(TEXT);
  const tc = useThemeColors();
  const [z, setZ] = useState<number[]>([2, 1, 0.1]);
  const [logT, setLogT] = useState(Math.log10(initialT));
  const T = Number((10 ** logT).toPrecision(3));
  const p = softmax(z, T);
  const m = Math.max(...z);
  const arg = z.indexOf(m);
  const H = entropy(p);
  const note = T <= 0.2 ? t.cold : T >= 5 ? t.hot : t.mid;
  const slot = BAR_W / z.length;
  const top = 22;
  const base = BAR_H - 40;

  return (
    <section className="softmax-lab" aria-label={t.title}>
      <h4>{t.title}</h4>
      <div className="softmax-logits">
        <span className="softmax-label">{t.logits}</span>
        {z.map((v, i) => (
          <NumberField key={i} label={fmt(t.logit, { i: i + 1 })} value={v} min={-10000} max={10000} step={0.5} onChange={(nv) => setZ(z.map((u, j) => (j === i ? nv : u)))} testId={`softmax-logit-${i + 1}`} />
        ))}
        <button type="button" onClick={() => setZ([...z, 0])} disabled={z.length >= 5} aria-label={t.add}>
          +
        </button>
        <button type="button" onClick={() => setZ(z.slice(0, -1))} disabled={z.length <= 3} aria-label={t.remove}>
          −
        </button>
      </div>
      <div className="controls softmax-presets">
        <button type="button" onClick={() => setZ([2, 1, 0.1])}>
          {t.preset}
        </button>
        <button type="button" onClick={() => setZ([1000, 1001, 1002])}>
          {t.huge}
        </button>
      </div>
      <Slider label={t.temp} value={logT} min={-1.3} max={1.3} step={0.01} format={() => short(T, 3)} onChange={setLogT} testId="softmax-T" />
      <svg viewBox={`0 0 ${BAR_W} ${BAR_H}`} className="softmax-bars" role="img" aria-label={`${t.bars}: ${p.map((q) => fixed(q, 3)).join(', ')}`}>
        <line x1={0} x2={BAR_W} y1={base} y2={base} stroke={tc.plotAxis} />
        <line x1={0} x2={BAR_W} y1={top} y2={top} stroke={tc.line} strokeDasharray="4 4" />
        <text x={BAR_W} y={top - 5} textAnchor="end" className="plot-tick">
          p = 1
        </text>
        {p.map((q, i) => {
          const h = q * (base - top);
          const x = i * slot + slot * 0.2;
          return (
            <g key={i}>
              <rect x={x} y={base - h} width={slot * 0.6} height={h} fill={i === arg ? tc.blue : tc.blueSoft} rx={3} />
              <text x={x + slot * 0.3} y={base - h - 6} textAnchor="middle" className="softmax-p">
                {fixed(q, 3)}
              </text>
              <text x={x + slot * 0.3} y={base + 18} textAnchor="middle" className="plot-tick">
                {`z${i + 1} = ${short(z[i], 2)}`}
              </text>
              <text x={x + slot * 0.3} y={base + 34} textAnchor="middle" className="plot-tick">
                {`z/T = ${short(z[i] / T, 2)}`}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="softmax-probs" data-testid="softmax-probs">
        softmax(z / T) = ({p.map((q) => fixed(q, 3)).join(', ')})
      </p>
      <p className="softmax-stable">
        {t.stable}: (z − max z) / T = ({z.map((v) => short((v - m) / T, 3)).join(', ')})
      </p>
      <p className="muted">
        {t.entropy} H = {fixed(H, 3)} · {t.uniform} = {fixed(Math.log(z.length), 3)}
      </p>
      <p className="activations-note">{note}</p>
    </section>
  );
}
