import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { MathTex } from '../../content/MathTex';
import { OPTIMIZER_IDS, createRacer, stepRacer, type OptimizerId, type Racer } from '../../ml/teach/optimizers2d';
import { SURFACES, SURFACE_IDS, distanceToMin, type Surface, type SurfaceId } from '../../ml/teach/surfaces';
import { NumberField } from '../../ui/NumberField';
import { Slider } from '../../ui/Slider';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { RaceCanvas, STYLE, shapePath } from './RaceCanvas';
import { RACE_SETTINGS } from './settings';
import { SettingsErrors } from '../SettingsErrors';
import './optimizer-race.css';

type K =
  | 'invalid' | 'surface' | SurfaceId | 'play' | 'pause' | 'step' | 'reset' | 'speed' | 'scale' | 'noise' | 'startX' | 'startY' | 'start'
  | 'aria' | 'hint' | 'hover' | 'optimizer' | 'lr' | 'loss' | 'steps' | 'status' | 'diverged' | 'reached' | 'running' | 'off' | 'table' | 'lrFor' | 'limit'
  | OptimizerId;

const TEXT: TextTable<K> = {
  zh: {
    invalid: '面板设置无效，已使用默认值', surface: '地形', rosenbrock: 'Rosenbrock 香蕉谷', beale: 'Beale', elongated: '狭长的碗（病态）', saddle: '鞍点', rastrigin: 'Rastrigin 型（多个局部极小）',
    play: '▶ 开始', pause: '❚❚ 暂停', step: '单步', reset: '重置', speed: '速度（每帧步数）', scale: '所有学习率乘以', noise: 'SGD 梯度噪声 σ', startX: '起点 x', startY: '起点 y', start: '起点',
    aria: '损失曲面的等高线图，以及各优化器从同一起点出发的轨迹', hint: '点击图上任意位置设置起点（也可以聚焦图后用方向键，或在下方输入坐标）。星号是全局极小值点。',
    hover: '鼠标处：x = {x}，y = {y}，f = {f}', optimizer: '优化器', lr: '学习率 η', loss: '损失 f', steps: '步数', status: '状态',
    diverged: '发散 ✕', reached: '到达 ✓', running: '', off: '未参赛', table: '各优化器的学习率、当前损失和步数', lrFor: '{o} 的学习率', limit: '已到 {n} 步上限',
    gd: 'GD（全批量梯度下降）', sgd: 'SGD（带噪声的梯度）', momentum: '动量 β = 0.9', adagrad: 'Adagrad', rmsprop: 'RMSprop ρ = 0.9', adam: 'Adam β₁ = 0.9, β₂ = 0.999',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', surface: 'Surface', rosenbrock: 'Rosenbrock banana valley', beale: 'Beale', elongated: 'Elongated bowl (ill-conditioned)', saddle: 'Saddle point', rastrigin: 'Rastrigin-style (many local minima)',
    play: '▶ Play', pause: '❚❚ Pause', step: 'Step', reset: 'Reset', speed: 'Speed (steps per frame)', scale: 'Scale every learning rate by', noise: 'SGD gradient noise σ', startX: 'Start x', startY: 'Start y', start: 'start',
    aria: 'Contour plot of the loss surface with every optimizer’s trajectory from the same start', hint: 'Click anywhere on the plot to set the start (or focus the plot and use the arrow keys, or type coordinates below). Stars mark the global minima.',
    hover: 'Pointer: x = {x}, y = {y}, f = {f}', optimizer: 'Optimizer', lr: 'Learning rate η', loss: 'Loss f', steps: 'Steps', status: 'Status',
    diverged: 'diverged ✕', reached: 'reached ✓', running: '', off: 'not racing', table: 'Learning rate, current loss and step count of each optimizer', lrFor: 'Learning rate for {o}', limit: 'stopped at the {n}-step limit',
    gd: 'GD (full-batch gradient descent)', sgd: 'SGD (noisy gradient)', momentum: 'Momentum β = 0.9', adagrad: 'Adagrad', rmsprop: 'RMSprop ρ = 0.9', adam: 'Adam β₁ = 0.9, β₂ = 0.999',
  },
};

const MAX_STEPS = 5000;

const fmtLoss = (f: number) => (!Number.isFinite(f) ? '∞' : f !== 0 && (Math.abs(f) < 1e-3 || Math.abs(f) >= 1e5) ? f.toExponential(2) : f.toFixed(4));
const viewScale = (s: Surface) => Math.max(s.view.x1 - s.view.x0, s.view.y1 - s.view.y0);

/** A small legend mark: the optimizer's colour as a line with its marker shape. */
function Swatch({ id }: { id: OptimizerId }) {
  const d = useMemo(() => {
    const p = new Path2D();
    shapePath(p, STYLE[id].shape, 14, 7, 5);
    return p;
  }, [id]);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, 28, 14);
    ctx.fillStyle = STYLE[id].color;
    ctx.fillRect(0, 6, 28, 2.5);
    ctx.fill(d);
  }, [d, id]);
  return <canvas ref={ref} width={28} height={14} aria-hidden="true" className="race-swatch" />;
}

export default function OptimizerRacePanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const lang = useLang();
  const surfaceId = useId();
  const parsed = useMemo(() => parseSettingsTable(RACE_SETTINGS, settings), [settings]);
  const pv = parsed.values;
  const [surface, setSurface] = useState<Surface>(SURFACES[pv.surface as SurfaceId]);
  const [enabled, setEnabled] = useState<Record<OptimizerId, boolean>>(() => Object.fromEntries(OPTIMIZER_IDS.map((o) => [o, pv[o]])) as Record<OptimizerId, boolean>);
  const [lrs, setLrs] = useState<Record<OptimizerId, number>>(surface.lr);
  const [scaleExp, setScaleExp] = useState(Math.log10(pv.lrScale));
  const [noise, setNoise] = useState(surface.noise);
  const [speed, setSpeed] = useState(pv.speed);
  const [start, setStart] = useState<[number, number]>(surface.start);
  const [playing, setPlaying] = useState(false);
  const [version, setVersion] = useState(0);
  const [hover, setHover] = useState<[number, number] | null>(null);
  const racers = useRef<Racer[]>([]);
  if (racers.current.length === 0) racers.current = OPTIMIZER_IDS.map((o) => createRacer(o, start, surface, pv.seed + OPTIMIZER_IDS.indexOf(o)));

  // The animation loop reads the latest settings through a ref, so it need not restart on every change.
  const live = useRef({ lrs, scale: 10 ** scaleExp, noise, enabled, surface });
  live.current = { lrs, scale: 10 ** scaleExp, noise, enabled, surface };

  /** Advances every enabled racer by n steps; true once none can move any more. */
  const advance = (n: number): boolean => {
    const { lrs: l, scale, noise: sigma, enabled: on, surface: s } = live.current;
    for (let k = 0; k < n; k++)
      for (const r of racers.current) if (on[r.id] && r.steps < MAX_STEPS) stepRacer(r, s, l[r.id] * scale, sigma, viewScale(s));
    return !racers.current.some((r) => on[r.id] && r.status === 'running' && r.steps < MAX_STEPS);
  };

  const reset = (from: [number, number], s: Surface = surface) => {
    racers.current = OPTIMIZER_IDS.map((o, i) => createRacer(o, from, s, pv.seed + i));
    setVersion((x) => x + 1);
  };

  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    const frame = () => {
      const done = advance(speed);
      setVersion((x) => x + 1);
      if (done) setPlaying(false);
      else raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
    // advance reads everything else through refs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, speed]);

  const chooseSurface = (id: SurfaceId) => {
    const s = SURFACES[id];
    setPlaying(false);
    setSurface(s);
    setLrs(s.lr);
    setNoise(s.noise);
    setStart(s.start);
    reset(s.start, s);
  };
  const moveStart = (x: number, y: number) => {
    const p: [number, number] = [Number(x.toFixed(3)), Number(y.toFixed(3))];
    setStart(p);
    reset(p);
  };

  const anyMoving = racers.current.some((r) => enabled[r.id] && r.status === 'running' && r.steps < MAX_STEPS);
  const v = surface.view;

  return (
    <div className="race">
      <SettingsErrors title={t.invalid} errors={parsed.errors} lang={lang} />
      <div className="race-top">
        <label htmlFor={surfaceId} className="race-label">
          {t.surface}
        </label>
        <select id={surfaceId} value={surface.id} onChange={(e) => chooseSurface(e.target.value as SurfaceId)} data-testid="race-surface">
          {SURFACE_IDS.map((s) => (
            <option key={s} value={s}>
              {t[s]}
            </option>
          ))}
        </select>
        <div className="race-formula">
          <MathTex tex={surface.tex} display={false} />
        </div>
      </div>
      <RaceCanvas
        surface={surface}
        racers={racers.current}
        enabled={enabled}
        start={start}
        version={version}
        onStart={moveStart}
        onHover={setHover}
        ariaLabel={`${t.aria} (${t[surface.id]})`}
        startLabel={t.start}
      />
      <p className="muted race-hint" aria-live="off">
        {hover ? fmt(t.hover, { x: hover[0].toFixed(2), y: hover[1].toFixed(2), f: fmtLoss(surface.f(hover[0], hover[1])) }) : t.hint}
      </p>
      <div className="controls race-controls">
        <button type="button" className="primary" disabled={!playing && !anyMoving} onClick={() => setPlaying(!playing)} data-testid="race-play">
          {playing ? t.pause : t.play}
        </button>
        <button
          type="button"
          disabled={playing || !anyMoving}
          onClick={() => {
            advance(1);
            setVersion((x) => x + 1);
          }}
          data-testid="race-step"
        >
          {t.step}
        </button>
        <button type="button" onClick={() => reset(start)} data-testid="race-reset">
          {t.reset}
        </button>
        <label className="race-start">
          <span>{t.startX}</span>
          <NumberField value={start[0]} min={v.x0} max={v.x1} step={0.1} label={t.startX} onChange={(x) => moveStart(x, start[1])} testId="race-start-x" />
        </label>
        <label className="race-start">
          <span>{t.startY}</span>
          <NumberField value={start[1]} min={v.y0} max={v.y1} step={0.1} label={t.startY} onChange={(y) => moveStart(start[0], y)} testId="race-start-y" />
        </label>
      </div>
      <div className="race-sliders">
        <Slider label={t.scale} value={scaleExp} min={-1} max={1} step={0.05} format={(e) => `× ${Number((10 ** e).toPrecision(2))}`} onChange={setScaleExp} testId="race-scale" />
        <Slider label={t.speed} value={speed} min={1} max={50} step={1} onChange={setSpeed} testId="race-speed" />
        <Slider label={t.noise} value={noise} min={0} max={Number((surface.noise * 3).toPrecision(2))} step={surface.noise / 20} format={(x) => x.toPrecision(2)} onChange={setNoise} testId="race-noise" />
      </div>
      <div className="race-table-wrap">
        <table className="race-table" data-testid="race-table">
          <caption className="muted">{t.table}</caption>
          <thead>
            <tr>
              <th scope="col">{t.optimizer}</th>
              <th scope="col">{t.lr}</th>
              <th scope="col">{t.loss}</th>
              <th scope="col">{t.steps}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {racers.current.map((r) => {
              const on = enabled[r.id];
              const status = !on ? t.off : r.status === 'diverged' ? t.diverged : distanceToMin(surface, r.theta[0], r.theta[1]) < 1e-3 ? t.reached : r.steps >= MAX_STEPS ? fmt(t.limit, { n: MAX_STEPS }) : t.running;
              return (
                <tr key={r.id} className={on ? undefined : 'race-off'}>
                  <th scope="row">
                    <label className="race-toggle">
                      <input type="checkbox" checked={on} onChange={(e) => setEnabled({ ...enabled, [r.id]: e.target.checked })} data-testid={`race-toggle-${r.id}`} />
                      <Swatch id={r.id} />
                      {t[r.id]}
                    </label>
                  </th>
                  <td>
                    <NumberField value={lrs[r.id]} min={1e-6} max={100} step={lrs[r.id] / 2} label={fmt(t.lrFor, { o: t[r.id] })} onChange={(x) => setLrs({ ...lrs, [r.id]: x })} testId={`race-lr-${r.id}`} />
                  </td>
                  <td className="race-num" data-testid={`race-loss-${r.id}`}>
                    {fmtLoss(r.loss)}
                  </td>
                  <td className="race-num" data-testid={`race-steps-${r.id}`}>
                    {r.steps}
                  </td>
                  <td className={r.status === 'diverged' ? 'race-bad' : undefined}>{status}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
