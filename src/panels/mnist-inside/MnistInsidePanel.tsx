import { useEffect, useMemo, useRef, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import type { ActivationsResult } from '../../ml/inspect/activations';
import { channel } from '../../ml/inspect/colormap';
import { topK } from '../../ml/inspect/metrics';
import { useStore } from '../../state/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { ProgressBar } from '../../ui/ProgressBar';
import { getTrainingClient } from '../../worker/engine';
import { ModelLine, ModelPrompt, useErrorText, useLabModel } from '../mnist-eval/labModel';
import { DigitCanvas } from '../mnist-eval/PixelCanvas';
import { exampleOf, imageAt, useTestSet } from '../mnist-eval/useTestSet';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { FilterGrid } from './FilterGrid';
import { LayerMaps } from './LayerMaps';
import { MapDetail } from './MapDetail';
import { INSIDE_SETTINGS } from './settings';
import '../mnist-eval/mnist-eval.css';
import './mnist-inside.css';

const TEXT: TextTable<
  'pick' | 'digit' | 'drawing' | 'noDrawing' | 'input' | 'reads' | 'download' | 'maps' | 'mapsNote' | 'noConv' | 'failed' | 'invalid' | 'retry' | 'testImage' | 'drawnImage'
> = {
  zh: {
    pick: '选择输入：',
    digit: '测试集中的数字 {d}（再按一次换一张）',
    drawing: '你画的数字',
    noDrawing: '在下方的“手写”面板里写一个数字后可用',
    input: '输入',
    reads: '网络的判断：{k}（{p}）',
    download: '下载测试图像',
    maps: '每一层的激活图',
    mapsNote: '每张小图是一个通道：卷积层在 ReLU 之后，池化层在池化之后。每层使用自己的色标（黑 = 0，亮黄 = 该层最大值）。',
    noConv: '这个模型没有卷积层，所以没有滤波器和激活图可看。在结构面板里选择一个卷积网络再训练。',
    failed: '无法计算激活图',
    invalid: '面板设置无效',
    retry: '重试',
    testImage: '测试图像 #{i}（标签 {l}）',
    drawnImage: '你画的数字（已预处理）',
  },
  en: {
    pick: 'Choose the input:',
    digit: 'Test digit {d} (press again for another)',
    drawing: 'Your drawing',
    noDrawing: 'Available once you draw a digit in the drawing panel below',
    input: 'Input',
    reads: 'The network reads it as {k} ({p})',
    download: 'Downloading the test images',
    maps: 'Activation maps, layer by layer',
    mapsNote: 'Each tile is one channel: convolutions after their ReLU, pooling layers after pooling. Each layer has its own colour scale (black = 0, pale yellow = that layer’s maximum).',
    noConv: 'This model has no convolutional layer, so there are no filters or activation maps to see. Choose a CNN in the architecture panel and train it.',
    failed: 'Could not compute the activation maps',
    invalid: 'Invalid panel settings',
    retry: 'Retry',
    testImage: 'Test image #{i} (label {l})',
    drawnImage: 'Your drawing (preprocessed)',
  },
};

type Source = { kind: 'test'; digit: number; index: number | null } | { kind: 'drawing' };

/** The channel of the first layer that responds most strongly: a good first map to show. */
function strongestChannel(r: ActivationsResult): number {
  const l = r.layers[0];
  if (!l) return 0;
  const [h, w, c] = l.shape;
  let best = 0;
  let bestSum = -Infinity;
  for (let ch = 0; ch < c; ch++) {
    const s = channel(l.data, h, w, c, ch).reduce((a, v) => a + v, 0);
    if (s > bestSum) [best, bestSum] = [ch, s];
  }
  return best;
}

export default function MnistInsidePanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const lang = useLang();
  const { values: cfg, errors: cfgErrors } = useMemo(() => parseSettingsTable(INSIDE_SETTINGS, settings), [settings]);
  const model = useLabModel();
  const testSet = useTestSet();
  const errText = useErrorText();
  const probe = useStore((s) => s.lab.probe);
  const [source, setSource] = useState<Source>({ kind: 'test', digit: cfg.digit, index: null });
  const [result, setResult] = useState<{ key: string; r: ActivationsResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sel, setSel] = useState<{ layer: number; channel: number } | null>(null);
  const runId = model.state === 'ready' ? model.runId : null;
  const ready = runId !== null;

  // The test split is needed as soon as a model exists (inputs come from it).
  const { status: testStatus, load: loadTest } = testSet;
  useEffect(() => {
    if (ready && testStatus === 'idle') loadTest();
  }, [ready, testStatus, loadTest]);

  // A new drawing switches the input to it (the drawing panel sits below this one).
  // A cleared drawing sends the input back to a test digit.
  const lastProbe = useRef(probe);
  useEffect(() => {
    if (probe && probe !== lastProbe.current && probe.source === 'drawn') setSource({ kind: 'drawing' });
    if (!probe) setSource((src) => (src.kind === 'drawing' ? { kind: 'test', digit: cfg.digit, index: null } : src));
    lastProbe.current = probe;
  }, [probe, cfg.digit]);

  const data = testSet.status === 'ready' ? testSet.data : null;
  const index = source.kind === 'test' && data ? (source.index ?? exampleOf(data, source.digit)) : null;
  const drawn = source.kind === 'drawing' ? (probe?.pixels ?? null) : null;
  const image = useMemo(() => (source.kind === 'drawing' ? drawn : data && index !== null ? imageAt(data, index) : null), [source.kind, drawn, data, index]);

  // One request in flight; when the input changes meanwhile, the latest is fetched next.
  const flight = useRef<{ busy: boolean; next: { runId: string; image: Uint8Array } | null }>({ busy: false, next: null });
  useEffect(() => {
    if (!runId || !image) return;
    const f = flight.current;
    f.next = { runId, image };
    if (f.busy) return;
    const pump = async () => {
      while (f.next) {
        const job = f.next;
        f.next = null;
        f.busy = true;
        try {
          const r = await getTrainingClient().activations(job.runId, job.image.slice());
          setResult({ key: job.runId, r });
          setError(null);
          setSel((s) => s ?? { layer: 0, channel: strongestChannel(r) });
        } catch (e) {
          setError(errText(e));
        } finally {
          f.busy = false;
        }
      }
    };
    void pump();
    // Deliberately not re-run when errText changes (it is a new function each render).
  }, [runId, image]);

  const r = result && result.key === runId ? result.r : null;
  const top = r ? topK(r.probs, 1)[0] : null;
  const firstConv = r?.filters ? r.layers.findIndex((l) => l.name === r.filters!.layer) : -1;
  const safeSel = r && sel && sel.layer < r.layers.length ? sel : r && r.layers.length ? { layer: 0, channel: 0 } : null;

  if (model.state !== 'ready' || !model.run) return <ModelPrompt model={model} />;
  return (
    <div className="mnist-inside">
      {cfgErrors.length ? <ErrorBox title={t.invalid} detail={cfgErrors.map((e) => e[lang]).join('\n')} /> : null}
      <ModelLine run={model.run} />
      <div className="inside-pick" role="group" aria-label={t.pick}>
        <span className="muted">{t.pick}</span>
        {Array.from({ length: 10 }, (_, d) => (
          <button
            key={d}
            type="button"
            aria-pressed={source.kind === 'test' && source.digit === d}
            aria-label={fmt(t.digit, { d })}
            title={fmt(t.digit, { d })}
            disabled={!data}
            onClick={() => setSource({ kind: 'test', digit: d, index: data && source.kind === 'test' && source.digit === d && index !== null ? exampleOf(data, d, index) : null })}
            data-testid={`inside-digit-${d}`}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={source.kind === 'drawing'}
          disabled={!probe}
          title={probe ? t.drawing : t.noDrawing}
          onClick={() => setSource({ kind: 'drawing' })}
          data-testid="inside-drawing"
        >
          ✎ {t.drawing}
        </button>
      </div>
      {testSet.status === 'loading' ? <ProgressBar value={testSet.loaded} max={testSet.total} label={t.download} /> : null}
      {testSet.status === 'error' ? (
        <ErrorBox title={t.failed} detail={`${testSet.code}: ${testSet.detail}`}>
          <div>
            <button type="button" onClick={testSet.load}>
              {t.retry}
            </button>
          </div>
        </ErrorBox>
      ) : null}
      {error ? <ErrorBox title={t.failed} detail={error} /> : null}
      <div className="inside-top">
        {image ? (
          <figure className="inside-input" data-testid="inside-input">
            <DigitCanvas
              pixels={image}
              size={112}
              label={source.kind === 'drawing' ? t.drawnImage : fmt(t.testImage, { i: index ?? 0, l: source.kind === 'test' ? source.digit : '' })}
            />
            <figcaption>
              <strong>{t.input}</strong>
              <span className="muted">{source.kind === 'drawing' ? t.drawnImage : fmt(t.testImage, { i: index ?? 0, l: source.kind === 'test' ? source.digit : '' })}</span>
              {r && top !== null ? (
                <span data-testid="inside-prediction" data-top={top}>
                  {fmt(t.reads, { k: top, p: `${(r.probs[top] * 100).toFixed(1)}%` })}
                </span>
              ) : null}
            </figcaption>
          </figure>
        ) : null}
        {r?.filters ? (
          <FilterGrid filters={r.filters} selected={safeSel && safeSel.layer === firstConv ? safeSel.channel : null} onSelect={(c) => setSel({ layer: firstConv, channel: c })} />
        ) : null}
      </div>
      {r && r.layers.length === 0 ? <p className="lab-prompt">{t.noConv}</p> : null}
      {r && r.layers.length > 0 && safeSel ? (
        <section className="inside-maps" data-testid="inside-maps">
          <h4>{t.maps}</h4>
          <p className="muted">{t.mapsNote}</p>
          <MapDetail layers={r.layers} filters={r.filters} sel={safeSel} onSelect={setSel} />
          <div className="inside-layers">
            {r.layers.map((l, i) => (
              <LayerMaps key={l.name} layer={l} index={i} selected={safeSel.layer === i ? safeSel.channel : null} onSelect={(c) => setSel({ layer: i, channel: c })} />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
