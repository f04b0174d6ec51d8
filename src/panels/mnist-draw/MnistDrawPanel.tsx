import { useEffect, useMemo, useRef, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { naiveResize, preprocessDigit, type Preprocessed } from '../../ml/data/preprocess';
import { topK } from '../../ml/inspect/metrics';
import { useStore } from '../../state/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { getTrainingClient } from '../../worker/engine';
import { ModelLine, ModelPrompt, useErrorText, useLabModel } from '../mnist-eval/labModel';
import { DigitCanvas } from '../mnist-eval/PixelCanvas';
import { ensureTestSet, exampleOf, imageAt, useTestSet } from '../mnist-eval/useTestSet';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { DrawCanvas, type DrawCanvasHandle } from './DrawCanvas';
import { PreprocessView, ProbBars, TopThree } from './DrawOutputs';
import { DRAW_SETTINGS } from './settings';
import '../mnist-eval/mnist-eval.css';
import './mnist-draw.css';

const TEXT: TextTable<
  'canvas' | 'hint' | 'clear' | 'pick' | 'pickDigit' | 'empty' | 'compare' | 'naive' | 'naiveSays' | 'failed' | 'invalid' | 'loading' | 'dataFailed' | 'fromTest'
> = {
  zh: {
    canvas: '画板：用鼠标、手指或触控笔写一个数字。键盘用户请使用下方的按钮。',
    hint: '写大一点、笔画连贯。网络看到的是右边预处理后的 28×28 图像。',
    clear: '清空',
    pick: '或者放入一张测试图像：',
    pickDigit: '放入测试集中的数字 {d}（再按一次换一张）',
    empty: '先写一个数字（或放入一张测试图像），这里就会显示网络的答案。',
    compare: '对比：不裁剪、不居中，直接缩小到 28×28',
    naive: '直接缩小的结果',
    naiveSays: '网络对它的判断：{k}（{p}）',
    failed: '预测失败',
    invalid: '面板设置无效',
    loading: '正在加载测试图像…',
    dataFailed: '无法加载测试图像',
    fromTest: '测试图像 #{i}（标签 {l}）',
  },
  en: {
    canvas: 'Drawing area: write a digit with a mouse, finger or pen. Keyboard users: use the buttons below.',
    hint: 'Write it large, in connected strokes. The network sees the preprocessed 28×28 image on the right.',
    clear: 'Clear',
    pick: 'Or put in a test image:',
    pickDigit: 'Put in a test digit {d} (press again for another)',
    empty: 'Draw a digit (or put in a test image) and the network’s answer appears here.',
    compare: 'Compare: shrink straight to 28×28, without cropping or centring',
    naive: 'Straight shrink',
    naiveSays: 'The network reads it as {k} ({p})',
    failed: 'Prediction failed',
    invalid: 'Invalid panel settings',
    loading: 'Loading the test images…',
    dataFailed: 'Could not load the test images',
    fromTest: 'Test image #{i} (label {l})',
  },
};

const EMPTY: Preprocessed = { image: new Uint8Array(784), empty: true, box: null, scaled: null, com: null };
const INTERVAL = 100;

export default function MnistDrawPanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const lang = useLang();
  const { values: cfg, errors: cfgErrors } = useMemo(() => parseSettingsTable(DRAW_SETTINGS, settings), [settings]);
  const model = useLabModel();
  const testSet = useTestSet();
  const errText = useErrorText();
  const setProbe = useStore((s) => s.setProbe);
  const canvas = useRef<DrawCanvasHandle>(null);
  const [compare, setCompare] = useState(cfg.compare);
  const [pre, setPre] = useState<Preprocessed>(EMPTY);
  const [naive, setNaive] = useState<Uint8Array | null>(null);
  const [probs, setProbs] = useState<Float32Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fromTest, setFromTest] = useState<{ index: number; label: number } | null>(null);

  const runId = model.state === 'ready' ? model.runId : null;
  // Everything the throttled predictor reads lives in this ref, so its functions stay stable.
  const live = useRef({ runId, compare, errText, inflight: false, dirty: false, last: 0, timer: 0 as ReturnType<typeof setTimeout> | 0, failedRun: '', test: null as number | null });
  live.current.runId = runId;
  live.current.compare = compare;
  live.current.errText = errText;

  /**
   * Throttled prediction: at most one request in flight and one every INTERVAL ms (~10/s);
   * the latest drawing always wins. Preprocessing runs on every update, prediction when a model is ready.
   */
  const { schedule } = useMemo(() => {
    const L = live.current;
    async function update() {
      L.last = performance.now();
      const ink = canvas.current?.ink();
      if (!ink) return;
      const p = preprocessDigit(ink);
      const n = L.compare ? naiveResize(ink) : null;
      setPre(p);
      setNaive(n);
      if (p.empty) {
        setProbs(null);
        setProbe(null);
        return;
      }
      setProbe(L.test !== null ? { pixels: p.image, source: 'test', index: L.test } : { pixels: p.image, source: 'drawn' });
      const id = L.runId;
      if (!id || L.failedRun === id) return;
      if (L.inflight) {
        L.dirty = true;
        return;
      }
      L.inflight = true;
      try {
        const images = new Uint8Array(n ? 2 * 784 : 784);
        images.set(p.image);
        if (n) images.set(n, 784);
        const out = await getTrainingClient().predict(id, images, n ? 2 : 1);
        if (L.runId === id) {
          setProbs(out);
          setError(null);
        }
      } catch (e) {
        // Stop asking for a model that is gone, so a drawing does not flood the worker with errors.
        L.failedRun = id;
        setError(L.errText(e));
      } finally {
        L.inflight = false;
        if (L.dirty) {
          L.dirty = false;
          schedule();
        }
      }
    }
    function schedule() {
      if (L.timer) return;
      const wait = Math.max(0, INTERVAL - (performance.now() - L.last));
      L.timer = setTimeout(() => {
        L.timer = 0;
        void update();
      }, wait);
    }
    return { schedule };
  }, [setProbe]);

  // A new model (or the comparison switched on): predict the current drawing again.
  useEffect(() => {
    live.current.failedRun = '';
    setProbs(null);
    setError(null);
    schedule();
  }, [runId, compare, schedule]);

  useEffect(() => {
    const L = live.current;
    return () => {
      if (L.timer) clearTimeout(L.timer);
    };
  }, []);

  const pick = async (d: number) => {
    try {
      const data = await ensureTestSet();
      const index = exampleOf(data, d, fromTest?.label === d ? fromTest.index : -1);
      if (index === null) return;
      live.current.test = index;
      canvas.current?.paintDigit(imageAt(data, index));
      setFromTest({ index, label: d });
    } catch {
      // useTestSet shows the error.
    }
  };

  const clear = () => {
    live.current.test = null;
    setFromTest(null);
    canvas.current?.clear();
  };

  const best = probs && probs.length >= 20 ? topK(probs.subarray(10, 20), 1)[0] : null;
  return (
    <div className="mnist-draw">
      {cfgErrors.length ? <ErrorBox title={t.invalid} detail={cfgErrors.map((e) => e[lang]).join('\n')} /> : null}
      {model.state === 'ready' && model.run ? <ModelLine run={model.run} /> : null}
      <div className="draw-layout">
        <div className="draw-left">
          <DrawCanvas
            ref={canvas}
            pen={cfg.pen}
            label={t.canvas}
            box={pre.box}
            onInk={(final) => {
              if (!final) {
                live.current.test = null;
                setFromTest(null);
              }
              schedule();
            }}
          />
          <p className="muted draw-hint">{fromTest ? fmt(t.fromTest, { i: fromTest.index, l: fromTest.label }) : t.hint}</p>
          <div className="controls">
            <button type="button" onClick={clear} data-testid="draw-clear">
              {t.clear}
            </button>
          </div>
          <div className="draw-pick" role="group" aria-label={t.pick}>
            <span className="muted">{t.pick}</span>
            <div className="draw-pick-buttons">
              {Array.from({ length: 10 }, (_, d) => (
                <button key={d} type="button" aria-label={fmt(t.pickDigit, { d })} title={fmt(t.pickDigit, { d })} onClick={() => void pick(d)} data-testid={`draw-digit-${d}`}>
                  {d}
                </button>
              ))}
            </div>
            {testSet.status === 'loading' ? <p className="muted">{t.loading}</p> : null}
            {testSet.status === 'error' ? <ErrorBox inline title={t.dataFailed} detail={`${testSet.code}: ${testSet.detail}`} /> : null}
          </div>
        </div>
        <div className="draw-right">
          <PreprocessView pre={pre} />
          <div className="draw-result">
            {model.state !== 'ready' ? (
              <ModelPrompt model={model} />
            ) : pre.empty ? (
              <p className="draw-empty" data-testid="draw-empty">
                {t.empty}
              </p>
            ) : error ? (
              <ErrorBox title={t.failed} detail={error} />
            ) : probs ? (
              <>
                <TopThree probs={probs.subarray(0, 10)} />
                <ProbBars probs={probs.subarray(0, 10)} />
              </>
            ) : null}
          </div>
        </div>
      </div>
      <label className="draw-compare">
        <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} data-testid="draw-compare" /> {t.compare}
      </label>
      {compare && naive && !pre.empty ? (
        <div className="draw-naive" data-testid="draw-naive">
          <DigitCanvas pixels={naive} size={84} label={t.naive} />
          <div>
            <strong>{t.naive}</strong>
            {best !== null && probs ? <p>{fmt(t.naiveSays, { k: best, p: `${(probs[10 + best] * 100).toFixed(1)}%` })}</p> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
