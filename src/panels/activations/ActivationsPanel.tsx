import { useMemo, useState } from 'react';
import { useLang, useText, type TextTable } from '../../app/i18n';
import { ACTIVATION_NAMES, activate, activationRange, derivative, type ActivationName } from '../../ml/teach/activations';
import { CurvePlot, sampleCurve, type Curve } from '../../ui/CurvePlot';
import { fixed } from '../../ui/formatNumber';
import { Slider } from '../../ui/Slider';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { ACTIVATIONS_SETTINGS } from './settings';
import { SoftmaxLab } from './SoftmaxLab';
import { SettingsErrors } from '../SettingsErrors';
import './activations.css';
import { useThemeColors, type ThemeColors } from '../../ui/theme';

type K =
  | 'invalid' | 'fnGroup' | 'showDeriv' | 'compare' | 'alphaLeaky' | 'alphaElu' | 'cursor' | 'plot' | 'range' | 'maxDeriv'
  | 'saturated' | 'reluOff' | 'leakyNeg' | 'eluNeg' | 'active' | 'f' | 'df' | 'hoverHint';

const TEXT: TextTable<K> = {
  zh: {
    invalid: '面板设置无效，已使用默认值', fnGroup: '激活函数', showDeriv: '显示导数 f′(x)', compare: '同时画出所有函数', alphaLeaky: 'Leaky ReLU 的 α',
    alphaElu: 'ELU 的 α', cursor: '光标位置 x', plot: '激活函数 f(x) 及其导数 f′(x) 的曲线', range: '值域', maxDeriv: '导数最大值',
    saturated: '饱和区：f′(x) < 0.05，几乎没有梯度能反向传回去。', reluOff: 'ReLU 在这里“关闭”：输出和导数都是 0。如果对所有输入都这样，它就是“死亡 ReLU”。',
    leakyNeg: '负半轴仍保留斜率 α，梯度不会完全消失。', eluNeg: '负半轴导数是 αeˣ，平滑地趋于 0，输出趋于 −α。', active: '导数为 1：梯度原样通过，不会饱和。',
    f: 'f(x)', df: 'f′(x)', hoverHint: '把鼠标移到图上，或拖动下面的滑块来移动光标。',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', fnGroup: 'Activation function', showDeriv: "Show the derivative f′(x)", compare: 'Draw all functions together', alphaLeaky: 'Leaky ReLU α',
    alphaElu: 'ELU α', cursor: 'Cursor x', plot: "Activation function f(x) and its derivative f′(x)", range: 'Range', maxDeriv: 'Largest derivative',
    saturated: "Saturated: f′(x) < 0.05, so almost no gradient flows backwards.", reluOff: 'ReLU is off here: output and derivative are both 0. A neuron where this holds for every input is a dead ReLU.',
    leakyNeg: 'The negative side keeps slope α, so the gradient never vanishes completely.', eluNeg: 'On the negative side the derivative is αeˣ, fading smoothly to 0 as the output levels off at −α.', active: 'Derivative 1: the gradient passes through unchanged, no saturation.',
    f: 'f(x)', df: 'f′(x)', hoverHint: 'Move the pointer over the plot, or use the slider below, to move the cursor.',
  },
};

const NAMES: Record<ActivationName, string> = { sigmoid: 'Sigmoid', tanh: 'Tanh', relu: 'ReLU', 'leaky-relu': 'Leaky ReLU', elu: 'ELU' };
const colorsOf = (c: ThemeColors): Record<ActivationName, string> => ({ sigmoid: c.blue, tanh: c.purple, relu: c.green, 'leaky-relu': c.orange, elu: c.red });
const X_DOMAIN = [-5, 5] as const;
const Y_DOMAIN = [-2.2, 3.2] as const;

/** Largest value of f′ on the real line, for the fact line. */
function maxDerivative(fn: ActivationName, alpha: number): string {
  if (fn === 'sigmoid') return '0.25 (x = 0)';
  if (fn === 'tanh') return '1 (x = 0)';
  if (fn === 'elu') return alpha > 1 ? `${alpha} (x → 0⁻)` : '1 (x > 0)';
  return fn === 'leaky-relu' && alpha > 1 ? `${alpha}` : '1 (x > 0)';
}

/** Settings seed the panel's state; new settings (an edited directive) start it afresh. */
export default function ActivationsPanel({ settings }: PanelProps) {
  return <ActivationsPanelBody key={JSON.stringify(settings)} settings={settings} />;
}

function ActivationsPanelBody({ settings }: PanelProps) {
  const t = useText(TEXT);
  const tc = useThemeColors();
  const COLORS = colorsOf(tc);
  const lang = useLang();
  const parsed = useMemo(() => parseSettingsTable(ACTIVATIONS_SETTINGS, settings), [settings]);
  const v = parsed.values;
  const [fn, setFn] = useState<ActivationName>(v.fn as ActivationName);
  const [showDeriv, setShowDeriv] = useState(v.derivative);
  const [compare, setCompare] = useState(v.compare);
  const [x, setX] = useState(v.x);
  const [alphas, setAlphas] = useState({ 'leaky-relu': v.leakyAlpha, elu: v.eluAlpha });

  const alphaOf = (name: ActivationName) => (name === 'leaky-relu' || name === 'elu' ? alphas[name] : undefined);
  const alpha = alphaOf(fn);
  const fx = activate(fn, x, alpha);
  const dfx = derivative(fn, x, alpha);

  const curves: Curve[] = [];
  if (compare) {
    for (const name of ACTIVATION_NAMES) {
      if (name !== fn) curves.push({ label: NAMES[name], color: COLORS[name], points: sampleCurve((u) => activate(name, u, alphaOf(name)), ...X_DOMAIN), width: 1.8 });
    }
  }
  curves.push({ label: compare ? `${NAMES[fn]} f(x)` : t.f, color: COLORS[fn], points: sampleCurve((u) => activate(fn, u, alpha), ...X_DOMAIN), width: 3 });
  // A gap at x = 0 for the kinked functions, so the derivative's jump isn't drawn as a slope.
  const dPoints = sampleCurve((u) => derivative(fn, u, alpha), ...X_DOMAIN, 400).map(([a, b]): [number, number] => [a, (fn === 'relu' || fn === 'leaky-relu') && Math.abs(a) < 1e-9 ? NaN : b]);
  if (showDeriv) curves.push({ label: compare ? `${NAMES[fn]} f′(x)` : t.df, color: COLORS[fn], points: dPoints, dash: '7 5', width: 2.2 });

  let note = t.active;
  if ((fn === 'sigmoid' || fn === 'tanh') && dfx < 0.05) note = t.saturated;
  else if (fn === 'sigmoid' || fn === 'tanh') note = '';
  else if (x <= 0) note = fn === 'relu' ? t.reluOff : fn === 'leaky-relu' ? t.leakyNeg : t.eluNeg;

  return (
    <div className="activations">
      <SettingsErrors title={t.invalid} errors={parsed.errors} lang={lang} />
      <div className="controls activations-fns" role="group" aria-label={t.fnGroup}>
        {ACTIVATION_NAMES.map((name) => (
          <button key={name} type="button" aria-pressed={fn === name} onClick={() => setFn(name)} data-testid={`activation-fn-${name}`}>
            {NAMES[name]}
          </button>
        ))}
      </div>
      <div className="activations-toggles">
        <label>
          <input type="checkbox" checked={showDeriv} onChange={(e) => setShowDeriv(e.target.checked)} data-testid="activation-derivative" /> {t.showDeriv}
        </label>
        <label>
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} /> {t.compare}
        </label>
      </div>
      <CurvePlot
        curves={curves}
        xDomain={X_DOMAIN}
        yDomain={Y_DOMAIN}
        xLabel="x"
        yLabel={showDeriv ? 'f(x), f′(x)' : 'f(x)'}
        ariaLabel={`${t.plot}: ${NAMES[fn]}`}
        cursorX={x}
        markers={[{ x, y: fx, color: COLORS[fn] }, ...(showDeriv ? [{ x, y: dfx, color: tc.ink }] : [])]}
        onPointerX={(u) => setX(Math.round(u * 100) / 100)}
        height={280}
        testId="activation-plot"
      />
      <p className="muted activations-hint">{t.hoverHint}</p>
      <div className="activations-sliders">
        <Slider label={t.cursor} value={x} min={-5} max={5} step={0.05} format={(u) => fixed(u, 2)} onChange={setX} testId="activation-x" />
        {fn === 'leaky-relu' ? (
          <Slider label={t.alphaLeaky} value={alphas['leaky-relu']} min={0} max={0.5} step={0.01} format={(u) => fixed(u, 2)} onChange={(a) => setAlphas({ ...alphas, 'leaky-relu': a })} testId="activation-alpha" />
        ) : null}
        {fn === 'elu' ? (
          <Slider label={t.alphaElu} value={alphas.elu} min={0.1} max={2} step={0.05} format={(u) => fixed(u, 2)} onChange={(a) => setAlphas({ ...alphas, elu: a })} testId="activation-alpha" />
        ) : null}
      </div>
      <dl className="stats activations-readout" aria-live="polite">
        <div>
          <dt>x</dt>
          <dd>{fixed(x, 2)}</dd>
        </div>
        <div>
          <dt>{t.f}</dt>
          <dd data-testid="activation-readout">{fixed(fx, 4)}</dd>
        </div>
        <div>
          <dt>{t.df}</dt>
          <dd data-testid="activation-derivative-value">{fixed(dfx, 4)}</dd>
        </div>
        <div>
          <dt>{t.range}</dt>
          <dd>{activationRange(fn, alpha)}</dd>
        </div>
        <div>
          <dt>{t.maxDeriv}</dt>
          <dd>{maxDerivative(fn, alpha ?? 0)}</dd>
        </div>
      </dl>
      {note ? <p className="activations-note">{note}</p> : null}
      <SoftmaxLab initialT={v.T} />
    </div>
  );
}
