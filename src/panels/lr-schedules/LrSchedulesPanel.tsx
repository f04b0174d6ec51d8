import { useMemo, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { MathTex } from '../../content/MathTex';
import { noisyQuadraticSgd } from '../../ml/teach/optimizers2d';
import { lrAt } from '../../ml/train/schedules';
import type { LrSchedule } from '../../ml/train/types';
import { CurvePlot, type Curve } from '../../ui/CurvePlot';
import { LogPlot } from '../../ui/LogPlot';
import { Slider } from '../../ui/Slider';
import type { PanelProps } from '../registry';
import { parseSettingsTable, type Values } from '../settings';
import { LR_SCHEDULE_SETTINGS, SCHEDULES, type ScheduleId } from './settings';
import { SettingsErrors } from '../SettingsErrors';
import './lr-schedules.css';
import { useThemeColors, type ThemeColors } from '../../ui/theme';

type K =
  | 'invalid' | 'schedule' | ScheduleId | 'lr' | 'lrPeak' | 'epochs' | 'stepSize' | 'gamma' | 'expGamma' | 'minLr' | 'halfCycle' | 'noise' | 'compare'
  | 'lrTitle' | 'lrAria' | 'epoch' | 'rate' | 'applied' | 'setup' | 'lossAria' | 'loss' | 'withSchedule' | 'withConstant' | 'final' | 'better' | 'worse';

const TEXT: TextTable<K> = {
  zh: {
    invalid: '面板设置无效，已使用默认值', schedule: '调度方式', constant: '常数', step: '阶梯衰减', exponential: '指数衰减', cosine: '余弦退火', cyclical: '三角循环',
    lr: '初始学习率 η₀', lrPeak: '最大学习率 η_max', epochs: '总轮数 T', stepSize: '每隔 s 轮', gamma: '衰减系数 γ', expGamma: '每轮乘以 γ', minLr: '最小学习率 η_min', halfCycle: '半周期 s（轮）', noise: '梯度噪声 σ',
    compare: '同时显示其他调度（浅色）', lrTitle: '学习率随训练轮数的变化', lrAria: '学习率随轮数变化的曲线图', epoch: '轮（epoch）', rate: 'η',
    applied: '用起来：带噪声的 SGD', setup: '在 L(θ) = ½(θ₁² + 0.1·θ₂²) 上跑 SGD，每步梯度加上标准差 σ 的高斯噪声（模拟小批量噪声），每轮 20 步，曲线是 32 次随机运行的平均（对数坐标）。',
    lossAria: '两条损失曲线：所选调度与常数学习率的对比（对数坐标）', loss: '损失 L（每轮平均）', withSchedule: '所选调度：{s}', withConstant: '常数 η = {lr}',
    final: '最后一轮的平均损失：{s} {a}，常数学习率 {b}。', better: '调度让损失低了 {x} 倍：η 变小后，噪声引起的抖动也变小了。', worse: '这次调度没有更好：{x} 倍。',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', schedule: 'Schedule', constant: 'Constant', step: 'Step decay', exponential: 'Exponential', cosine: 'Cosine annealing', cyclical: 'Triangular cycle',
    lr: 'Initial rate η₀', lrPeak: 'Peak rate η_max', epochs: 'Total epochs T', stepSize: 'Every s epochs', gamma: 'Decay factor γ', expGamma: 'γ per epoch', minLr: 'Minimum rate η_min', halfCycle: 'Half-cycle s (epochs)', noise: 'Gradient noise σ',
    compare: 'Show the other schedules (faint)', lrTitle: 'Learning rate over training', lrAria: 'Line chart of the learning rate over epochs', epoch: 'epoch', rate: 'η',
    applied: 'Applied: SGD with noisy gradients', setup: 'SGD on L(θ) = ½(θ₁² + 0.1·θ₂²); every step’s gradient carries Gaussian noise of standard deviation σ (a stand-in for mini-batch noise); 20 steps per epoch; each curve averages 32 random runs (log scale).',
    lossAria: 'Two loss curves on a log scale: the chosen schedule against a constant learning rate', loss: 'loss L (epoch mean)', withSchedule: 'chosen schedule: {s}', withConstant: 'constant η = {lr}',
    final: 'Mean loss in the last epoch: {s} {a}, constant rate {b}.', better: 'The schedule ends {x}× lower: as η shrinks, so does the jitter caused by the noise.', worse: 'This time the schedule is not better: {x}×.',
  },
};

const STEPS_PER_EPOCH = 20;
const colorsOf = (c: ThemeColors): Record<ScheduleId, string> => ({ constant: c.grey, step: c.orange, exponential: c.green, cosine: c.blue, cyclical: c.purple });

type V = Values<typeof LR_SCHEDULE_SETTINGS>;

function toSchedule(id: ScheduleId, v: V): LrSchedule {
  switch (id) {
    case 'step':
      return { type: 'step', stepSize: v.stepSize, gamma: v.gamma };
    case 'exponential':
      return { type: 'exponential', gamma: v.expGamma };
    case 'cosine':
      return { type: 'cosine', minLr: Math.min(v.minLr, v.lr) };
    case 'cyclical':
      return { type: 'cyclical', minLr: Math.min(v.minLr, v.lr), stepSize: v.halfCycle };
    default:
      return { type: 'constant' };
  }
}

const n = (x: number) => String(Number(x.toPrecision(3)));

/** The schedule's formula in epochs e, with the current numbers in place. */
function formula(id: ScheduleId, v: V): string {
  const lo = n(Math.min(v.minLr, v.lr));
  switch (id) {
    case 'step':
      return `\\eta_e = ${n(v.lr)} \\cdot ${n(v.gamma)}^{\\lfloor e/${v.stepSize} \\rfloor}`;
    case 'exponential':
      return `\\eta_e = ${n(v.lr)} \\cdot ${n(v.expGamma)}^{e}`;
    case 'cosine':
      return `\\eta_e = ${lo} + \\tfrac12\\,(${n(v.lr)} - ${lo})\\left(1 + \\cos\\frac{\\pi e}{${v.epochs}}\\right)`;
    case 'cyclical':
      return `c = \\left\\lfloor 1 + \\frac{e}{2\\cdot ${v.halfCycle}} \\right\\rfloor,\\; x = \\left|\\frac{e}{${v.halfCycle}} - 2c + 1\\right|,\\; \\eta_e = ${lo} + (${n(v.lr)} - ${lo})\\max(0, 1 - x)`;
    default:
      return `\\eta_e = ${n(v.lr)}`;
  }
}

export default function LrSchedulesPanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const tc = useThemeColors();
  const COLORS = colorsOf(tc);
  const lang = useLang();
  const parsed = useMemo(() => parseSettingsTable(LR_SCHEDULE_SETTINGS, settings), [settings]);
  const [v, setV] = useState<V>(parsed.values);
  const set = (patch: Partial<V>) => setV((old) => ({ ...old, ...patch }));
  const id = v.schedule as ScheduleId;
  const total = v.epochs * STEPS_PER_EPOCH;

  const lrCurves: Curve[] = useMemo(() => {
    const every = Math.max(1, Math.floor(total / 800));
    const curve = (s: ScheduleId): Curve => {
      const sched = toSchedule(s, v);
      const points: [number, number][] = [];
      for (let k = 0; k <= total; k += every) points.push([k / STEPS_PER_EPOCH, lrAt(sched, v.lr, k, STEPS_PER_EPOCH, total)]);
      return { label: t[s], color: COLORS[s], points, width: s === id ? 3 : 1.6, dash: s === id ? undefined : '5 4' };
    };
    const others = v.compare ? SCHEDULES.filter((s) => s !== id) : [];
    return [...others.map(curve), curve(id)];
  }, [v, id, total, t]);

  const losses = useMemo(() => {
    const run = (sched: LrSchedule) =>
      noisyQuadraticSgd({ lambdas: [1, 0.1], start: [3, 3], sigma: v.noise, steps: total, lr: (k) => lrAt(sched, v.lr, k, STEPS_PER_EPOCH, total), runs: 32, seed: 1 });
    const perEpoch = (l: Float64Array): [number, number][] => {
      const out: [number, number][] = [[0, l[0]]];
      for (let e = 1; e <= v.epochs; e++) {
        let s = 0;
        for (let k = (e - 1) * STEPS_PER_EPOCH + 1; k <= e * STEPS_PER_EPOCH; k++) s += l[k];
        out.push([e, s / STEPS_PER_EPOCH]);
      }
      return out;
    };
    return { sched: perEpoch(run(toSchedule(id, v))), constant: perEpoch(run({ type: 'constant' })) };
  }, [v, id, total]);

  const a = losses.sched[losses.sched.length - 1][1];
  const b = losses.constant[losses.constant.length - 1][1];
  const ratio = b / a;
  const fmtLoss = (x: number) => (x >= 1e6 ? x.toExponential(1) : x.toPrecision(3));

  const params: { key: keyof V; label: string; min: number; max: number; step: number }[] = [
    { key: 'lr', label: id === 'cosine' || id === 'cyclical' ? t.lrPeak : t.lr, min: 0.005, max: 1, step: 0.005 },
    { key: 'epochs', label: t.epochs, min: 10, max: 200, step: 1 },
    ...(id === 'step'
      ? [
          { key: 'stepSize' as const, label: t.stepSize, min: 1, max: Math.max(1, v.epochs), step: 1 },
          { key: 'gamma' as const, label: t.gamma, min: 0.05, max: 0.99, step: 0.01 },
        ]
      : []),
    ...(id === 'exponential' ? [{ key: 'expGamma' as const, label: t.expGamma, min: 0.5, max: 0.999, step: 0.001 }] : []),
    ...(id === 'cosine' || id === 'cyclical' ? [{ key: 'minLr' as const, label: t.minLr, min: 0, max: v.lr, step: 0.001 }] : []),
    ...(id === 'cyclical' ? [{ key: 'halfCycle' as const, label: t.halfCycle, min: 1, max: Math.max(1, Math.floor(v.epochs / 2)), step: 1 }] : []),
  ];

  return (
    <div className="lrs">
      <SettingsErrors title={t.invalid} errors={parsed.errors} lang={lang} />
      <fieldset className="lrs-schedules">
        <legend>{t.schedule}</legend>
        {SCHEDULES.map((s) => (
          <button key={s} type="button" aria-pressed={s === id} onClick={() => set({ schedule: s })} data-testid={`lr-sched-${s}`}>
            {t[s]}
          </button>
        ))}
      </fieldset>
      <div className="lrs-formula" data-testid="lr-formula">
        <MathTex tex={formula(id, v)} display />
      </div>
      <div className="lrs-params">
        {params.map((p) => (
          <Slider
            key={p.key}
            label={p.label}
            value={Math.min(p.max, v[p.key] as number)}
            min={p.min}
            max={p.max}
            step={p.step}
            onChange={(x) => set({ [p.key]: x } as Partial<V>)}
            testId={`lr-param-${p.key}`}
          />
        ))}
        <label className="lrs-check">
          <input type="checkbox" checked={v.compare} onChange={(e) => set({ compare: e.target.checked })} /> {t.compare}
        </label>
      </div>
      <h4 className="lrs-title">{t.lrTitle}</h4>
      <CurvePlot curves={lrCurves} xDomain={[0, v.epochs]} yDomain={[0, v.lr * 1.08]} xLabel={t.epoch} yLabel={t.rate} ariaLabel={t.lrAria} height={240} testId="lr-plot" />
      <h4 className="lrs-title">{t.applied}</h4>
      <p className="muted lrs-setup">{t.setup}</p>
      <Slider label={t.noise} value={v.noise} min={0} max={3} step={0.05} onChange={(x) => set({ noise: x })} testId="lr-noise" />
      <LogPlot
        series={[
          { label: fmt(t.withSchedule, { s: t[id] }), color: COLORS[id] === COLORS.constant ? tc.blue : COLORS[id], points: losses.sched },
          { label: fmt(t.withConstant, { lr: n(v.lr) }), color: tc.grey, points: losses.constant, dash: '6 4' },
        ]}
        xDomain={[0, v.epochs]}
        xLabel={t.epoch}
        yLabel={t.loss}
        ariaLabel={t.lossAria}
        testId="lr-loss-plot"
      />
      <p className="lrs-final" data-testid="lr-final" aria-live="polite">
        {fmt(t.final, { s: t[id], a: fmtLoss(a), b: fmtLoss(b) })}{' '}
        {id === 'constant' ? null : ratio > 1.05 ? fmt(t.better, { x: ratio.toFixed(1) }) : fmt(t.worse, { x: ratio.toFixed(2) })}
      </p>
    </div>
  );
}
