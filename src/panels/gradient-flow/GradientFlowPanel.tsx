import { useMemo, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { MathTex } from '../../content/MathTex';
import { ACTIVATIONS, INITS, gradientFlow, initStd, type Activation, type Init } from '../../ml/teach/gradientFlow';
import { LogPlot, type LogSeries } from '../../ui/LogPlot';
import { Slider } from '../../ui/Slider';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { GRADIENT_FLOW_SETTINGS } from './settings';
import { SettingsErrors } from '../SettingsErrors';
import './gradient-flow.css';
import { useThemeColors } from '../../ui/theme';

type K =
  | 'invalid' | 'activation' | 'init' | 'depth' | 'resample' | 'small' | 'xavier' | 'he' | 'sigmoid' | 'tanh' | 'relu'
  | 'net' | 'gradTitle' | 'gradW' | 'delta' | 'previous' | 'layer' | 'norm' | 'actTitle' | 'actStd' | 'std' | 'gradAria' | 'actAria'
  | 'ratio' | 'vanish' | 'explode' | 'healthy' | 'dead' | 'initIs';

const TEXT: TextTable<K> = {
  zh: {
    invalid: '面板设置无效，已使用默认值', activation: '激活函数', init: '初始化', depth: '层数（权重层）', resample: '重新随机抽取权重和输入',
    small: '小正态 N(0, 0.01²)', xavier: 'Xavier/Glorot', he: 'He', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'ReLU',
    net: '网络：32 维随机输入 → {h} 个宽 {w} 的隐藏层 → 10 类 softmax，交叉熵损失，64 个样本的随机批次。只做刚初始化后的一次反向传播，不训练。',
    gradTitle: '每层的梯度大小（对数坐标）', gradW: '‖∂L/∂Wₗ‖ 权重梯度', delta: '‖δₗ‖ = ‖∂L/∂zₗ‖ 误差项', previous: '上一个设置', layer: '层 l（1 = 最靠近输入）', norm: '范数',
    actTitle: '每层激活值的标准差（对数坐标）', actStd: 'std(aₗ)', std: '标准差',
    gradAria: '每层权重梯度范数和误差项范数的对数坐标折线图', actAria: '每层激活值标准差的对数坐标折线图',
    ratio: '第 1 层的梯度是第 {d} 层的 {r} 倍（相差约 {o} 个数量级）。',
    vanish: '梯度消失：越靠近输入，梯度越小，前面的层几乎学不动。', explode: '梯度爆炸：越靠近输入，梯度越大，训练会不稳定。',
    healthy: '梯度流动健康：各层梯度在同一个数量级附近。', dead: '所有梯度都极小：激活值一层层缩小到接近 0，信号根本传不到输出。',
    initIs: '权重初始化',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', activation: 'Activation', init: 'Initialisation', depth: 'Depth (weight layers)', resample: 'Draw new weights and inputs',
    small: 'Small normal N(0, 0.01²)', xavier: 'Xavier/Glorot', he: 'He', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'ReLU',
    net: 'Network: 32 random inputs → {h} hidden layers of width {w} → 10-way softmax, cross-entropy loss, a random batch of 64 examples. One backward pass right after initialisation; no training.',
    gradTitle: 'Gradient size per layer (log scale)', gradW: '‖∂L/∂Wₗ‖ weight gradient', delta: '‖δₗ‖ = ‖∂L/∂zₗ‖ error term', previous: 'previous setting', layer: 'layer l (1 = next to the input)', norm: 'norm',
    actTitle: 'Standard deviation of each layer’s activations (log scale)', actStd: 'std(aₗ)', std: 'std',
    gradAria: 'Log-scale line chart of the weight-gradient norm and error-term norm per layer', actAria: 'Log-scale line chart of the activation standard deviation per layer',
    ratio: 'Layer 1 gets {r} times the gradient of layer {d} (about {o} orders of magnitude).',
    vanish: 'Vanishing gradients: the closer to the input, the smaller the gradient; the early layers barely learn.', explode: 'Exploding gradients: the closer to the input, the larger the gradient; training becomes unstable.',
    healthy: 'Healthy gradient flow: every layer’s gradient is within the same order of magnitude or so.', dead: 'Every gradient is tiny: the activations shrink towards 0 layer after layer, so the signal never reaches the output.',
    initIs: 'Weight initialisation',
  },
};

const INIT_TEX: Record<Init, string> = {
  small: '\\sigma_W = 0.01',
  xavier: '\\sigma_W = \\sqrt{2/(n_{\\text{in}} + n_{\\text{out}})}',
  he: '\\sigma_W = \\sqrt{2/n_{\\text{in}}}',
};

interface Config {
  depth: number;
  activation: Activation;
  init: Init;
  seed: number;
}

const layerPoints = (v: number[]) => v.map((y, i) => [i + 1, y] as const);

const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
/** 0.5 → "0.50"; 1.7e-6 → "1.7 × 10⁻⁶". */
function sci(v: number): string {
  if (!Number.isFinite(v) || v === 0) return String(v);
  if (v >= 0.01 && v < 100) return v.toPrecision(2);
  const e = Math.floor(Math.log10(v));
  const m = v / 10 ** e;
  return `${m.toFixed(1)} × 10${[...String(e)].map((c) => SUP[c] ?? c).join('')}`;
}

export default function GradientFlowPanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const tc = useThemeColors();
  const lang = useLang();
  const parsed = useMemo(() => parseSettingsTable(GRADIENT_FLOW_SETTINGS, settings), [settings]);
  const width = parsed.values.width;
  const [cfg, setCfg] = useState<Config>(() => ({
    depth: parsed.values.depth,
    activation: parsed.values.activation as Activation,
    init: parsed.values.init as Init,
    seed: parsed.values.seed,
  }));
  const [prev, setPrev] = useState<Config | null>(null);
  const update = (patch: Partial<Config>) => {
    setPrev(cfg);
    setCfg({ ...cfg, ...patch });
  };

  const res = useMemo(() => gradientFlow({ ...cfg, width }), [cfg, width]);
  const prevRes = useMemo(() => (prev ? gradientFlow({ ...prev, width }) : null), [prev, width]);

  const g = res.gradNorms;
  const ratio = g[0] / g[g.length - 1];
  const orders = Math.abs(Math.log10(ratio));
  const verdict = Math.max(...g) < 1e-6 ? t.dead : ratio < 1e-2 ? t.vanish : ratio > 1e2 ? t.explode : t.healthy;
  const verdictKind = verdict === t.healthy ? 'ok' : 'bad';
  const prevLabel = prev ? `${t.previous} (${t[prev.activation]}, ${t[prev.init]}, ${prev.depth})` : '';

  const gradSeries: LogSeries[] = [
    { label: t.gradW, color: tc.blue, points: layerPoints(g), dots: true },
    { label: t.delta, color: tc.orange, points: layerPoints(res.deltaNorms), dots: true, dash: '6 4' },
    ...(prevRes ? [{ label: prevLabel, color: tc.grey, points: layerPoints(prevRes.gradNorms), dots: true, faint: true }] : []),
  ];
  const actSeries: LogSeries[] = [
    { label: t.actStd, color: tc.green, points: layerPoints(res.actStd.slice(0, -1)), dots: true },
    ...(prevRes ? [{ label: prevLabel, color: tc.grey, points: layerPoints(prevRes.actStd.slice(0, -1)), dots: true, faint: true }] : []),
  ];
  const xTicks = Array.from({ length: cfg.depth }, (_, i) => i + 1).filter((l) => cfg.depth <= 12 || l === 1 || l % 5 === 0 || l === cfg.depth);

  return (
    <div className="gflow">
      <SettingsErrors title={t.invalid} errors={parsed.errors} lang={lang} />
      <div className="gflow-controls">
        <fieldset className="gflow-group">
          <legend>{t.activation}</legend>
          {ACTIVATIONS.map((a) => (
            <button key={a} type="button" aria-pressed={cfg.activation === a} onClick={() => update({ activation: a })} data-testid={`flow-act-${a}`}>
              {t[a]}
            </button>
          ))}
        </fieldset>
        <fieldset className="gflow-group">
          <legend>{t.init}</legend>
          {INITS.map((i) => (
            <button key={i} type="button" aria-pressed={cfg.init === i} onClick={() => update({ init: i })} data-testid={`flow-init-${i}`}>
              {t[i]}
            </button>
          ))}
        </fieldset>
        <div className="gflow-depth">
          <Slider label={t.depth} value={cfg.depth} min={2} max={30} step={1} onChange={(d) => update({ depth: d })} testId="flow-depth" />
        </div>
        <button type="button" onClick={() => update({ seed: (cfg.seed + 1) % 2 ** 31 })} data-testid="flow-resample">
          {t.resample}
        </button>
      </div>
      <p className="muted gflow-net">
        {fmt(t.net, { h: cfg.depth - 1, w: width })} {t.initIs}: <MathTex tex={`${INIT_TEX[cfg.init]} = ${initStd(cfg.init, width, width).toPrecision(3)}`} display={false} />
      </p>
      <p className={`gflow-verdict gflow-${verdictKind}`} data-testid="flow-ratio" data-ratio={ratio.toExponential(3)} aria-live="polite">
        {fmt(t.ratio, { r: sci(ratio), d: cfg.depth, o: orders.toFixed(1) })} {verdict}
      </p>
      <h4 className="gflow-title">{t.gradTitle}</h4>
      <LogPlot series={gradSeries} xDomain={[1, cfg.depth]} xTicks={xTicks} xLabel={t.layer} yLabel={t.norm} ariaLabel={t.gradAria} testId="flow-grad-plot" />
      <h4 className="gflow-title">{t.actTitle}</h4>
      <LogPlot series={actSeries} xDomain={[1, Math.max(2, cfg.depth - 1)]} xTicks={xTicks.filter((l) => l < cfg.depth)} xLabel={t.layer} yLabel={t.std} ariaLabel={t.actAria} height={200} />
    </div>
  );
}
