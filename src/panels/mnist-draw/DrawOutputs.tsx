import { fmt, useText, type TextTable } from '../../app/i18n';
import type { Preprocessed } from '../../ml/data/preprocess';
import { topK } from '../../ml/inspect/metrics';
import { DigitCanvas } from '../mnist-eval/PixelCanvas';

const TEXT: TextTable<'top3' | 'probs' | 'prob' | 'input' | 'com' | 'box' | 'centre' | 'inputLabel'> = {
  zh: {
    top3: '网络的前 3 个答案',
    probs: '10 个类别的概率',
    prob: '{k}：{p}',
    input: '网络看到的 28×28 输入',
    com: '质心',
    box: '缩放后的数字（长边 20 像素）',
    centre: '画面中心 (14, 14)',
    inputLabel: '预处理后的 28×28 输入图像',
  },
  en: {
    top3: 'The network’s top 3 answers',
    probs: 'Probabilities of the 10 classes',
    prob: '{k}: {p}',
    input: 'The 28×28 input the network sees',
    com: 'centre of mass',
    box: 'scaled digit (longer side 20 px)',
    centre: 'frame centre (14, 14)',
    inputLabel: 'The preprocessed 28×28 input image',
  },
};

const pct = (p: number) => `${(p * 100).toFixed(p >= 0.995 || p < 0.001 ? 1 : p < 0.1 ? 2 : 1)}%`;

/** The three most probable digits, the first one large. */
export function TopThree({ probs }: { probs: Float32Array }) {
  const t = useText(TEXT);
  const top = topK(probs, 3);
  return (
    <ol className="draw-top3" aria-label={t.top3} aria-live="polite" data-testid="draw-top3" data-top={top[0]}>
      {top.map((k, i) => (
        <li key={k} className={i === 0 ? 'is-first' : undefined} data-testid={`draw-top-${i}`}>
          <span className="draw-top-k">{k}</span>
          <span className="draw-top-p">{pct(probs[k])}</span>
        </li>
      ))}
    </ol>
  );
}

/** All ten probabilities as a bar chart (with the values as text for screen readers). */
export function ProbBars({ probs }: { probs: Float32Array }) {
  const t = useText(TEXT);
  const best = topK(probs, 1)[0];
  return (
    <figure className="draw-probs">
      <figcaption className="muted">{t.probs}</figcaption>
      <ul data-testid="draw-probs">
        {Array.from(probs.subarray(0, 10), (p, k) => (
          <li key={k} className={k === best ? 'is-best' : undefined}>
            <span className="lab-sr">{fmt(t.prob, { k, p: pct(p) })}</span>
            <span className="draw-bar" aria-hidden="true">
              <span style={{ height: `${Math.max(0.5, p * 100)}%` }} />
            </span>
            <span className="draw-bar-k" aria-hidden="true">
              {k}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** The preprocessed input, enlarged, with the scaled box and the centre of mass marked. */
export function PreprocessView({ pre, size = 140 }: { pre: Preprocessed; size?: number }) {
  const t = useText(TEXT);
  const u = size / 28;
  return (
    <figure className="draw-pre" data-testid="draw-preprocessed" data-empty={pre.empty}>
      <div className="draw-pre-img" style={{ width: size, height: size }}>
        <DigitCanvas pixels={pre.image} size={size} label={t.inputLabel} />
        {!pre.empty && pre.scaled && pre.com ? (
          <svg viewBox={`0 0 ${size} ${size}`} width={size} height={size} aria-hidden="true">
            <rect x={pre.scaled.x * u} y={pre.scaled.y * u} width={pre.scaled.w * u} height={pre.scaled.h * u} className="draw-pre-box" />
            <g className="draw-pre-centre">
              <line x1={14.5 * u - 6} x2={14.5 * u + 6} y1={14.5 * u} y2={14.5 * u} />
              <line y1={14.5 * u - 6} y2={14.5 * u + 6} x1={14.5 * u} x2={14.5 * u} />
            </g>
            <circle cx={(pre.com.x + 0.5) * u} cy={(pre.com.y + 0.5) * u} r={4} className="draw-pre-com" />
          </svg>
        ) : null}
      </div>
      <figcaption>
        <span>{t.input}</span>
        {!pre.empty ? (
          <span className="draw-pre-legend">
            <span className="legend-box" aria-hidden="true" /> {t.box} <span className="legend-com" aria-hidden="true" /> {t.com}
            <span className="legend-centre" aria-hidden="true">
              +
            </span>{' '}
            {t.centre}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}
