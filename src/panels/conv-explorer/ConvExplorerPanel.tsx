import { useMemo, useState, type KeyboardEvent } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { MathTex } from '../../content/MathTex';
import {
  conv2d,
  convPatch,
  flipKernel,
  formulaPadding,
  KERNEL_PRESET_TEXT,
  KERNEL_PRESETS,
  makeMap,
  parseWeight,
  pool2d,
  relu as reluMap,
  type ConvPadding,
  type KernelPreset,
  type PoolMode,
} from '../../ml/teach/conv';
import { DIGIT_SIDE } from '../../ml/teach/digits';
import { ErrorBox } from '../../ui/ErrorBox';
import { ProgressBar } from '../../ui/ProgressBar';
import { Slider } from '../../ui/Slider';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { DigitPicker } from './DigitPicker';
import { fmtNum } from './format';
import { KernelEditor } from './KernelEditor';
import { MapCanvas, type CellRect } from './MapCanvas';
import { PatchMath } from './PatchMath';
import { CONV_SETTINGS } from './settings';
import { useDigits } from './useDigits';
import './conv-explorer.css';

const K = 3;

const TEXT: TextTable<
  | 'invalid' | 'loading' | 'loadFailed' | 'retry' | 'stride' | 'padding' | 'valid' | 'same' | 'relu' | 'pool' | 'none' | 'max' | 'avg'
  | 'zoom' | 'input' | 'output' | 'pooled' | 'inputLabel' | 'outputLabel' | 'pooledLabel' | 'size' | 'poolSize' | 'asym' | 'unused'
  | 'scale' | 'keys' | 'network' | 'data'
> = {
  zh: {
    invalid: '面板设置无效，已改用默认值', loading: '正在下载 MNIST 测试集（约 1.6 MB，只下载一次）',
    loadFailed: '无法加载 MNIST 数字，暂用程序绘制的数字', retry: '重试', stride: '步幅 s', padding: '填充',
    valid: "'valid'（p = 0）", same: "'same'（补 0）", relu: 'ReLU（负值归零）', pool: '2×2 池化', none: '不池化', max: '最大池化', avg: '平均池化',
    zoom: '像素大小', input: '输入', output: '特征图', pooled: '池化后',
    inputLabel: '输入图像 {n}×{n}，橙色方框是当前 3×3 窗口', outputLabel: '特征图 {h}×{w}，选中像素 ({i}, {j}) = {v}。用方向键移动窗口',
    pooledLabel: '池化输出 {h}×{w}。用方向键移动', size: '输出尺寸', poolSize: '池化输出尺寸',
    asym: "tf.js 的 'same' 填充在这里上方/左侧补 {b} 行、下方/右侧补 {a} 行（多出的一行补在后面），尺寸与公式一致。",
    unused: '最后 {r} 行和 {r} 列从未被窗口覆盖（已变淡），它们不影响输出。',
    scale: '颜色：红色为正，蓝色为负，白色为 0。', keys: '在特征图上移动鼠标，或聚焦后用方向键（Shift 一次 5 格）选择输出像素。',
    network: '网络错误', data: '数据错误',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', loading: 'Downloading the MNIST test set (about 1.6 MB, once)',
    loadFailed: "Couldn't load the MNIST digits; showing built-in drawn digits", retry: 'Retry', stride: 'Stride s', padding: 'Padding',
    valid: "'valid' (p = 0)", same: "'same' (zeros)", relu: 'ReLU (negatives → 0)', pool: '2×2 pooling', none: 'none', max: 'max pooling', avg: 'average pooling',
    zoom: 'Pixel size', input: 'Input', output: 'Feature map', pooled: 'Pooled',
    inputLabel: 'Input image {n}×{n}; the orange box is the current 3×3 window', outputLabel: 'Feature map {h}×{w}; selected pixel ({i}, {j}) = {v}. Arrow keys move the window',
    pooledLabel: 'Pooled output {h}×{w}. Arrow keys move', size: 'Output size', poolSize: 'Pooled size',
    asym: "Here tf.js 'same' padding adds {b} row(s) on top/left and {a} at the bottom/right (the odd one goes last); the size matches the formula.",
    unused: 'The last {r} row(s) and column(s) are never covered by the window (veiled); they do not affect the output.',
    scale: 'Colours: red positive, blue negative, white 0.', keys: 'Hover over the feature map, or focus it and use the arrow keys (Shift: 5 at a time) to pick an output pixel.',
    network: 'network error', data: 'data error',
  },
};

function presetCells(name: KernelPreset) {
  return { cells: [...KERNEL_PRESET_TEXT[name]], weights: [...KERNEL_PRESETS[name]], invalid: new Array<boolean>(9).fill(false) };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export default function ConvExplorerPanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const lang = useLang();
  const initial = useMemo(() => parseSettingsTable(CONV_SETTINGS, settings), [settings]);
  const v0 = initial.values;
  const [kernel, setKernel] = useState(() => ({ preset: v0.kernel as KernelPreset | 'custom', ...presetCells(v0.kernel as KernelPreset) }));
  const [stride, setStride] = useState(v0.stride);
  const [padding, setPadding] = useState(v0.padding as ConvPadding);
  const [useRelu, setUseRelu] = useState(v0.relu);
  const [pool, setPool] = useState(v0.pool as PoolMode | 'none');
  const [digitLabel, setDigitLabel] = useState(v0.digit);
  const [cell, setCell] = useState(8);
  const [sel, setSel] = useState<{ i: number; j: number } | null>(null);
  const digits = useDigits();

  const digit = digits.digits.find((d) => d.label === digitLabel) ?? digits.digits[0];
  const input = useMemo(() => makeMap(DIGIT_SIDE, DIGIT_SIDE, digit.pixels), [digit]);
  const conv = useMemo(() => conv2d(input, kernel.weights, K, stride, padding), [input, kernel.weights, stride, padding]);
  const act = useMemo(() => (useRelu ? { ...conv, ...reluMap(conv) } : conv), [conv, useRelu]);
  const pooled = useMemo(() => (pool !== 'none' && act.h >= 2 && act.w >= 2 ? pool2d(act, pool) : null), [act, pool]);
  const scale = useMemo(() => Math.max(1e-9, ...act.data.map(Math.abs)), [act]);
  const nonNegative = useMemo(() => act.data.every((v) => v >= 0), [act]);

  // Until the reader picks a pixel, follow the strongest response: the most telling place to look.
  const strongest = useMemo(() => {
    let best = 0;
    act.data.forEach((v, k) => {
      if (Math.abs(v) > Math.abs(act.data[best])) best = k;
    });
    return { i: Math.floor(best / act.w), j: best % act.w };
  }, [act]);
  const si = clamp(sel?.i ?? strongest.i, 0, conv.outH - 1);
  const sj = clamp(sel?.j ?? strongest.j, 0, conv.outW - 1);
  const patch = convPatch(input, kernel.weights, K, stride, padding, si, sj);
  const pi = Math.floor(si / 2);
  const pj = Math.floor(sj / 2);
  const poolInfo =
    pooled && pi < pooled.h && pj < pooled.w && pool !== 'none'
      ? {
          mode: pool,
          i: pi,
          j: pj,
          result: pooled.data[pi * pooled.w + pj],
          values: [0, 1, 2, 3].map((q) => act.data[(pi * 2 + (q >> 1)) * act.w + pj * 2 + (q & 1)]),
        }
      : null;

  const pad = useMemo(() => ({ top: conv.padTop, left: conv.padLeft, bottom: conv.padBottom, right: conv.padRight }), [conv]);
  const win: CellRect = useMemo(() => ({ y: patch.top, x: patch.left, h: K, w: K }), [patch.top, patch.left]);
  const selRect = useMemo(() => ({ y: si, x: sj, h: 1, w: 1 }), [si, sj]);
  const hasPool = poolInfo !== null;
  const poolBlock = useMemo(() => (hasPool ? { y: pi * 2, x: pj * 2, h: 2, w: 2 } : null), [hasPool, pi, pj]);
  const poolSel = useMemo(() => ({ y: pi, x: pj, h: 1, w: 1 }), [pi, pj]);
  const coveredEnd = -conv.padTop + (conv.outH - 1) * stride + K;
  const unused = Math.max(0, DIGIT_SIDE - coveredEnd);
  const dim = useMemo(
    () => (unused > 0 ? [{ y: DIGIT_SIDE - unused, x: 0, h: unused, w: DIGIT_SIDE }, { y: 0, x: DIGIT_SIDE - unused, h: DIGIT_SIDE - unused, w: unused }] : []),
    [unused],
  );

  const setCellText = (k: number, text: string) => {
    const w = parseWeight(text);
    setKernel((s) => {
      const cells = s.cells.map((c, i) => (i === k ? text : c));
      const weights = s.weights.map((x, i) => (i === k && w !== null ? w : x));
      const invalid = s.invalid.map((b, i) => (i === k ? w === null : b));
      return { preset: 'custom', cells, weights, invalid };
    });
  };
  const flip = () =>
    setKernel((s) => ({ preset: 'custom', cells: [...s.cells].reverse(), weights: flipKernel(s.weights), invalid: [...s.invalid].reverse() }));

  const move = (e: KeyboardEvent<HTMLCanvasElement>, unit: number, h: number, w: number) => {
    const d = e.shiftKey ? 5 : 1;
    const delta: Record<string, [number, number]> = { ArrowUp: [-d, 0], ArrowDown: [d, 0], ArrowLeft: [0, -d], ArrowRight: [0, d] };
    let next: { i: number; j: number } | null = null;
    const ci = Math.floor(si / unit);
    const cj = Math.floor(sj / unit);
    if (delta[e.key]) next = { i: clamp(ci + delta[e.key][0], 0, h - 1), j: clamp(cj + delta[e.key][1], 0, w - 1) };
    else if (e.key === 'Home') next = { i: 0, j: 0 };
    else if (e.key === 'End') next = { i: h - 1, j: w - 1 };
    if (!next) return;
    e.preventDefault();
    setSel({ i: next.i * unit, j: next.j * unit });
  };
  const pointOutput = (y: number, x: number) => {
    if (y >= 0 && x >= 0 && y < conv.outH && x < conv.outW) setSel({ i: y, j: x });
  };
  const pointInput = (y: number, x: number) => {
    // The output pixel whose window is centred nearest the pointer.
    if (y < -conv.padTop || x < -conv.padLeft || y >= DIGIT_SIDE + conv.padBottom || x >= DIGIT_SIDE + conv.padRight) return;
    const c = (K - 1) / 2;
    setSel({ i: clamp(Math.round((y + conv.padTop - c) / stride), 0, conv.outH - 1), j: clamp(Math.round((x + conv.padLeft - c) / stride), 0, conv.outW - 1) });
  };
  const pointPooled = (y: number, x: number) => {
    if (pooled && y >= 0 && x >= 0 && y < pooled.h && x < pooled.w) setSel({ i: y * 2, j: x * 2 });
  };

  const p = formulaPadding(K, padding);
  const num = DIGIT_SIDE + 2 * p - K;
  const frac = num / stride;
  const sizeTex = `n_{\\text{out}} = \\left\\lfloor \\frac{${DIGIT_SIDE} + 2\\cdot ${p} - ${K}}{${stride}} \\right\\rfloor + 1 = ${
    stride === 1 ? `${num}` : `\\lfloor ${fmtNum(frac, 3)} \\rfloor`
  } + 1 = ${conv.outH}`;
  const poolTex = pooled ? `\\left\\lfloor \\frac{${act.h} - 2}{2} \\right\\rfloor + 1 = ${pooled.h}` : '';
  const asym = padding === 'same' && conv.padTop !== conv.padBottom;
  const value = act.data[si * act.w + sj];

  return (
    <div className="conv-explorer" data-testid="conv-explorer">
      {initial.errors.length ? (
        <ErrorBox title={t.invalid}>
          <ul>
            {initial.errors.map((e) => (
              <li key={e.key}>{e[lang]}</li>
            ))}
          </ul>
        </ErrorBox>
      ) : null}
      <DigitPicker digits={digits.digits} selected={digit} onSelect={setDigitLabel} source={digits.status === 'ready' ? 'mnist' : 'synthetic'} />
      {digits.status === 'loading' ? <ProgressBar value={digits.loaded} max={digits.total} label={t.loading} /> : null}
      {digits.status === 'error' ? (
        <ErrorBox title={t.loadFailed} detail={`${digits.code === 'network' ? t.network : t.data}: ${digits.detail}`}>
          <div>
            <button type="button" onClick={digits.retry} data-testid="conv-retry">
              {t.retry}
            </button>
          </div>
        </ErrorBox>
      ) : null}

      <div className="conv-controls">
        <KernelEditor
          cells={kernel.cells}
          weights={kernel.weights}
          invalid={kernel.invalid}
          preset={kernel.preset}
          onCell={setCellText}
          onPreset={(name) => setKernel({ preset: name, ...presetCells(name) })}
          onFlip={flip}
        />
        <div className="conv-options">
          <label className="conv-field">
            <span>{t.stride}</span>
            <select value={stride} onChange={(e) => setStride(Number(e.target.value))} data-testid="conv-stride">
              {[1, 2, 3].map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="conv-field">
            <span>{t.padding}</span>
            <select value={padding} onChange={(e) => setPadding(e.target.value as ConvPadding)} data-testid="conv-padding">
              <option value="valid">{t.valid}</option>
              <option value="same">{t.same}</option>
            </select>
          </label>
          <label className="conv-check">
            <input type="checkbox" checked={useRelu} onChange={(e) => setUseRelu(e.target.checked)} data-testid="conv-relu" />
            <span>{t.relu}</span>
          </label>
          <label className="conv-field">
            <span>{t.pool}</span>
            <select value={pool} onChange={(e) => setPool(e.target.value as PoolMode | 'none')} data-testid="conv-pool">
              <option value="none">{t.none}</option>
              <option value="max">{t.max}</option>
              <option value="avg">{t.avg}</option>
            </select>
          </label>
          <Slider label={t.zoom} value={cell} min={4} max={16} step={1} onChange={setCell} format={(v) => `${v} px`} testId="conv-zoom" />
          <div className="conv-formula">
            <span className="muted">{t.size}</span>
            <MathTex tex={sizeTex} display={false} />
            {pooled ? (
              <>
                <span className="muted">{t.poolSize}</span>
                <MathTex tex={poolTex} display={false} />
              </>
            ) : null}
          </div>
          {asym ? <p className="muted conv-small">{fmt(t.asym, { b: conv.padTop, a: conv.padBottom })}</p> : null}
          {unused > 0 ? <p className="muted conv-small">{fmt(t.unused, { r: unused })}</p> : null}
        </div>
      </div>

      <div className="conv-maps">
        <figure>
          <figcaption>
            {t.input} <span className="conv-dim">28×28</span>
          </figcaption>
          <MapCanvas
            map={input}
            mode="ink"
            scale={1}
            cell={cell}
            margin={1}
            pad={padding === 'same' ? pad : undefined}
            window={win}
            dim={dim}
            onPoint={pointInput}
            label={fmt(t.inputLabel, { n: DIGIT_SIDE })}
            testId="conv-input"
          />
        </figure>
        <span className="conv-arrow" aria-hidden="true">
          →
        </span>
        <figure>
          <figcaption>
            {t.output}
            {useRelu ? ' (ReLU)' : ''}{' '}
            <span className="conv-dim" data-testid="conv-output-size">
              {conv.outH}×{conv.outW}
            </span>
          </figcaption>
          <MapCanvas
            map={act}
            mode="signed"
            scale={scale}
            cell={cell}
            selected={selRect}
            dashed={poolBlock}
            onPoint={pointOutput}
            onKey={(e) => move(e, 1, act.h, act.w)}
            label={fmt(t.outputLabel, { h: act.h, w: act.w, i: si, j: sj, v: fmtNum(value, 3) })}
            testId="conv-output"
            data={{ checksum: act.data.reduce((a, v) => a + Math.abs(v), 0).toFixed(3), selected: `${si},${sj}` }}
          />
          <div className="conv-legend" aria-hidden="true">
            <span>{nonNegative ? '0' : `−${fmtNum(scale, 2)}`}</span>
            <span className={nonNegative ? 'conv-legend-bar is-positive' : 'conv-legend-bar'} />
            <span>+{fmtNum(scale, 2)}</span>
          </div>
        </figure>
        {pooled ? (
          <>
            <span className="conv-arrow" aria-hidden="true">
              →
            </span>
            <figure>
              <figcaption>
                {t.pooled} ({pool}){' '}
                <span className="conv-dim" data-testid="conv-pooled-size">
                  {pooled.h}×{pooled.w}
                </span>
              </figcaption>
              <MapCanvas
                map={pooled}
                mode="signed"
                scale={scale}
                cell={cell}
                selected={poolInfo ? poolSel : null}
                onPoint={pointPooled}
                onKey={(e) => move(e, 2, pooled.h, pooled.w)}
                label={fmt(t.pooledLabel, { h: pooled.h, w: pooled.w })}
                testId="conv-pooled"
              />
            </figure>
          </>
        ) : null}
      </div>
      <p className="muted conv-small">
        {t.scale} {t.keys}
      </p>
      <PatchMath i={si} j={sj} top={patch.top} left={patch.left} terms={patch.terms} sum={patch.sum} relu={useRelu} pool={poolInfo} />
    </div>
  );
}
