import { useEffect, useMemo, useReducer, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { countMisclassified, isLinearlySeparable, presetBox, type Label, type PerceptronActivation, type Preset } from '../../ml/teach/perceptron';
import { fixed, paren, short } from '../../ui/formatNumber';
import { NumberField } from '../../ui/NumberField';
import { Slider } from '../../ui/Slider';
import { useThemeColors } from '../../ui/theme';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { init, NON_CONVERGENCE_EPOCHS, reducer } from './model';
import { classColors, PerceptronPlot } from './PerceptronPlot';
import { PERCEPTRON_SETTINGS } from './settings';
import { SettingsErrors } from '../SettingsErrors';
import './perceptron.css';

type K =
  | 'invalid' | 'preset' | 'and' | 'or' | 'xor' | 'random' | 'activation' | 'step' | 'sign' | 'sigmoid' | 'lr' | 'speed'
  | 'doStep' | 'doEpoch' | 'play' | 'pause' | 'reset' | 'newCloud' | 'epoch' | 'wrong' | 'updates' | 'plot' | 'hint'
  | 'class1' | 'class0' | 'addTitle' | 'add' | 'removeAdded' | 'noPoints' | 'converged' | 'convergedSigmoid'
  | 'stuckSeparable' | 'stuckNever' | 'lastUpdate' | 'noUpdate' | 'none' | 'example' | 'correct' | 'params' | 'x1' | 'x2' | 'cls';

const TEXT: TextTable<K> = {
  zh: {
    invalid: '面板设置无效，已使用默认值', preset: '数据预设', and: 'AND（与）', or: 'OR（或）', xor: 'XOR（异或）', random: '随机可分点云',
    activation: '激活函数', step: '阶跃 H(z)', sign: '符号 sign(z)', sigmoid: 'Sigmoid σ(z)', lr: '学习率 η', speed: '播放速度（步/秒）',
    doStep: '单步', doEpoch: '跑完一轮', play: '播放', pause: '暂停', reset: '重置权重', newCloud: '换一批点',
    epoch: '轮数', wrong: '错分点', updates: '犯错（更新）次数',
    plot: '二维数据点、当前决策边界 w₁x₁ + w₂x₂ + b = 0 和两侧的半平面',
    hint: '点击画布添加类别 1 的点，按住 Shift 点击添加类别 0 的点（也可用下方的输入框）。', class1: '类别 1', class0: '类别 0',
    addTitle: '添加数据点', add: '添加', removeAdded: '删除我添加的点（{n}）', noPoints: '还没有数据点，请先添加。',
    converged: '已收敛：第 {e} 轮整轮没有犯错（共犯错 {m} 次），从此权重不会再改变。',
    convergedSigmoid: '一整轮全部分类正确。用 sigmoid 时更新量 η(y − σ(z))x 永远不会恰好为 0，权重还会慢慢增大——这其实是在交叉熵上做梯度下降。',
    stuckSeparable: '已经 {e} 轮还没收敛；不过这些点是线性可分的，收敛定理保证它最终会收敛（最多 (R/γ)² 次犯错），继续训练吧。',
    stuckNever: '已经 {e} 轮仍未收敛——而且永远不会：没有任何一条直线能把这两类分开（两类的凸包重叠，正如 XOR），所以总有点被分错，边界会一直来回摆动。',
    lastUpdate: '上一步', noUpdate: '按“单步”让感知机看一个样本。', none: '预测正确 → 不更新', example: '样本', correct: '正确', params: '当前参数',
    x1: 'x₁', x2: 'x₂', cls: '类别',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', preset: 'Preset', and: 'AND', or: 'OR', xor: 'XOR', random: 'Random separable cloud',
    activation: 'Activation', step: 'Step H(z)', sign: 'Sign sign(z)', sigmoid: 'Sigmoid σ(z)', lr: 'Learning rate η', speed: 'Play speed (steps/s)',
    doStep: 'Step', doEpoch: 'Run one epoch', play: 'Play', pause: 'Pause', reset: 'Reset weights', newCloud: 'New cloud',
    epoch: 'Epoch', wrong: 'Misclassified', updates: 'Mistakes (updates)',
    plot: '2-D data points, the current decision boundary w₁x₁ + w₂x₂ + b = 0 and its two half-planes',
    hint: 'Click the plot to add a class-1 point, shift-click for class 0 (or use the fields below).', class1: 'class 1', class0: 'class 0',
    addTitle: 'Add a point', add: 'Add', removeAdded: 'Remove my points ({n})', noPoints: 'No data points yet: add some.',
    converged: 'Converged: epoch {e} went through every example without a mistake ({m} mistakes in total), so the weights will never change again.',
    convergedSigmoid: 'A whole epoch classified every point correctly. With a sigmoid the update η(y − σ(z))x is never exactly 0, so the weights keep growing slowly: this is gradient descent on the cross-entropy.',
    stuckSeparable: 'Not converged after {e} epochs, but these points are linearly separable, so the convergence theorem guarantees it will (after at most (R/γ)² mistakes). Keep going.',
    stuckNever: 'Not converged after {e} epochs, and it never will: no straight line separates these classes (their convex hulls overlap, as with XOR), so some point is always misclassified and the boundary keeps swinging.',
    lastUpdate: 'Last step', noUpdate: 'Press Step to show the perceptron one example.', none: 'correct → no update', example: 'Example', correct: 'correct', params: 'Current parameters',
    x1: 'x₁', x2: 'x₂', cls: 'Class',
  },
};

/** Settings seed the panel's state; new settings (an edited directive) start it afresh. */
export default function PerceptronPanel({ settings }: PanelProps) {
  return <PerceptronPanelBody key={JSON.stringify(settings)} settings={settings} />;
}

function PerceptronPanelBody({ settings }: PanelProps) {
  const t = useText(TEXT);
  const classColor = classColors(useThemeColors());
  const lang = useLang();
  const parsed = useMemo(() => parseSettingsTable(PERCEPTRON_SETTINGS, settings), [settings]);
  const v = parsed.values;
  const [s, dispatch] = useReducer(reducer, undefined, () =>
    init({ preset: v.preset as Preset, seed: v.seed, act: v.activation as PerceptronActivation, lr: v.lr, start: { w1: v.w1, w2: v.w2, b: v.b } }),
  );
  const [speed, setSpeed] = useState(v.speed);
  const [draft, setDraft] = useState<{ x1: number; x2: number; label: Label }>({ x1: 0.5, x2: 0.5, label: 1 });

  useEffect(() => {
    if (!s.playing) return;
    // Up to 20 renders a second; faster speeds take several steps per tick.
    const perTick = Math.max(1, Math.round(speed / 20));
    const id = window.setInterval(() => dispatch({ type: 'steps', n: perTick }), (1000 * perTick) / speed);
    return () => window.clearInterval(id);
  }, [s.playing, speed]);

  const p = s.train.params;
  const box = presetBox(s.preset);
  const wrong = countMisclassified(p, s.points);
  const separable = useMemo(() => isLinearlySeparable(s.points), [s.points]);
  const u = s.last;

  let status = '';
  let statusKind = 'info';
  if (s.points.length === 0) status = t.noPoints;
  else if (s.train.converged) {
    status = fmt(s.act === 'sigmoid' ? t.convergedSigmoid : t.converged, { e: s.train.epoch, m: s.train.totalMistakes });
    statusKind = 'ok';
  } else if (s.train.epoch >= NON_CONVERGENCE_EPOCHS) {
    status = fmt(separable ? t.stuckSeparable : t.stuckNever, { e: s.train.epoch });
    statusKind = separable ? 'info' : 'warn';
  }

  const weightSlider = (key: 'w1' | 'w2' | 'b', label: string) => {
    const lim = Math.max(5, Math.ceil(Math.abs(p[key])));
    return (
      <Slider key={key} label={label} value={p[key]} min={-lim} max={lim} step={0.05} format={(x) => short(x)} onChange={(x) => dispatch({ type: 'param', key, value: x })} testId={`perceptron-${key}`} />
    );
  };

  return (
    <div className="perceptron">
      <SettingsErrors title={t.invalid} errors={parsed.errors} lang={lang} />
      <div className="perceptron-top">
        <div className="perceptron-figure">
          <PerceptronPlot
            points={s.points}
            params={p}
            previous={u && u.err !== 0 ? u.before : null}
            box={box}
            highlight={u ? u.index : null}
            onAdd={(x1, x2, label) => dispatch({ type: 'add', point: { x1, x2, label } })}
            ariaLabel={t.plot}
            axis={{ x1: 'x₁', x2: 'x₂', w: 'w' }}
          />
          <p className="perceptron-legend">
            <span>
              <svg width="14" height="14" aria-hidden="true">
                <circle cx="7" cy="7" r="6" fill={classColor[1]} />
              </svg>
              {t.class1} (y = 1)
            </span>
            <span>
              <svg width="14" height="14" aria-hidden="true">
                <rect x="1" y="1" width="12" height="12" fill={classColor[0]} />
              </svg>
              {t.class0} (y = {s.act === 'sign' ? '−1' : '0'})
            </span>
          </p>
          <p className="muted perceptron-hint">{t.hint}</p>
        </div>
        <div className="perceptron-side">
          <div className="perceptron-selects">
            <label>
              <span>{t.preset}</span>
              <select value={s.preset} onChange={(e) => dispatch({ type: 'preset', preset: e.target.value as Preset })} data-testid="perceptron-preset">
                {(['and', 'or', 'xor', 'random'] as const).map((o) => (
                  <option key={o} value={o}>
                    {t[o]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t.activation}</span>
              <select value={s.act} onChange={(e) => dispatch({ type: 'act', act: e.target.value as PerceptronActivation })} data-testid="perceptron-activation">
                {(['step', 'sign', 'sigmoid'] as const).map((o) => (
                  <option key={o} value={o}>
                    {t[o]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {weightSlider('w1', 'w₁')}
          {weightSlider('w2', 'w₂')}
          {weightSlider('b', 'b')}
          <Slider label={t.lr} value={s.lr} min={Math.min(0.01, s.lr)} max={Math.max(2, s.lr)} step={0.01} onChange={(x) => dispatch({ type: 'lr', lr: x })} />
          <div className="controls perceptron-buttons">
            <button type="button" className="primary" onClick={() => dispatch({ type: 'steps', n: 1 })} disabled={s.playing || !s.points.length} data-testid="perceptron-step">
              {t.doStep}
            </button>
            <button type="button" onClick={() => dispatch({ type: 'epoch' })} disabled={s.playing || !s.points.length} data-testid="perceptron-run-epoch">
              {t.doEpoch}
            </button>
            <button type="button" onClick={() => dispatch({ type: s.playing ? 'pause' : 'play' })} aria-pressed={s.playing} disabled={!s.points.length} data-testid="perceptron-play">
              {s.playing ? t.pause : t.play}
            </button>
            <button type="button" onClick={() => dispatch({ type: 'reset' })}>
              {t.reset}
            </button>
          </div>
          <Slider label={t.speed} value={speed} min={1} max={60} step={1} onChange={setSpeed} />
          <dl className="stats perceptron-stats">
            <div>
              <dt>{t.epoch}</dt>
              <dd data-testid="perceptron-epoch">{s.train.epoch}</dd>
            </div>
            <div>
              <dt>{t.wrong}</dt>
              <dd data-testid="perceptron-wrong">
                {wrong} / {s.points.length}
              </dd>
            </div>
            <div>
              <dt>{t.updates}</dt>
              <dd>{s.train.totalMistakes}</dd>
            </div>
          </dl>
        </div>
      </div>
      <p className="perceptron-params" data-testid="perceptron-params">
        {t.params}: <b>w</b> = ({fixed(p.w1, 3)}, {fixed(p.w2, 3)}), b = {fixed(p.b, 3)}
      </p>
      <div className={`perceptron-status perceptron-status-${statusKind}`} role="status" aria-live="polite" data-testid="perceptron-status">
        {status}
      </div>
      <section className="perceptron-update" aria-live="polite" data-testid="perceptron-update">
        <h4>{t.lastUpdate}</h4>
        {u ? (
          <div className="perceptron-formulas">
            <div>
              {t.example} #{u.index + 1}: <b>x</b> = ({short(u.point.x1)}, {short(u.point.x2)}), y = {short(u.y)}
            </div>
            <div>
              z = w·x + b = {paren(u.before.w1)}·{paren(u.point.x1)} + {paren(u.before.w2)}·{paren(u.point.x2)} + {paren(u.before.b)} = {short(u.z)}
            </div>
            <div>
              ŷ = f(z) = {short(u.yhat)}, y − ŷ = {short(u.err)} {u.mistake ? '✗' : `✓ ${t.correct}`}
            </div>
            {u.err === 0 ? (
              <div>{t.none}</div>
            ) : (
              <>
                <div>
                  <b>w</b> ← ({short(u.before.w1)}, {short(u.before.w2)}) + {short(s.lr)}·{paren(u.err)}·({short(u.point.x1)}, {short(u.point.x2)}) = ({short(u.after.w1)}, {short(u.after.w2)})
                </div>
                <div>
                  b ← {short(u.before.b)} + {short(s.lr)}·{paren(u.err)} = {short(u.after.b)}
                </div>
              </>
            )}
          </div>
        ) : (
          <p className="muted">{t.noUpdate}</p>
        )}
      </section>
      <fieldset className="perceptron-add">
        <legend>{t.addTitle}</legend>
        <label>
          <span>{t.x1}</span>
          <NumberField label={t.x1} value={draft.x1} min={box.min} max={box.max} onChange={(x1) => setDraft({ ...draft, x1 })} />
        </label>
        <label>
          <span>{t.x2}</span>
          <NumberField label={t.x2} value={draft.x2} min={box.min} max={box.max} onChange={(x2) => setDraft({ ...draft, x2 })} />
        </label>
        <label>
          <span>{t.cls}</span>
          <select value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.target.value === '0' ? 0 : 1 })}>
            <option value="1">{t.class1}</option>
            <option value="0">{t.class0}</option>
          </select>
        </label>
        <button type="button" onClick={() => dispatch({ type: 'add', point: { ...draft } })} data-testid="perceptron-add">
          {t.add}
        </button>
        {s.added > 0 ? (
          <button type="button" onClick={() => dispatch({ type: 'clearAdded' })}>
            {fmt(t.removeAdded, { n: s.added })}
          </button>
        ) : null}
        {s.preset === 'random' ? (
          <button type="button" onClick={() => dispatch({ type: 'preset', preset: 'random', seed: s.seed + 1 })}>
            {t.newCloud}
          </button>
        ) : null}
      </fieldset>
    </div>
  );
}
