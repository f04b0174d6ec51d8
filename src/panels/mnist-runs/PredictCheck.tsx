import { useEffect, useState } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import { idbBytesCache } from '../../ml/data/idbCache';
import { DataError, loadManifest, loadSplit, type MnistData } from '../../ml/data/loader';
import { ErrorBox } from '../../ui/ErrorBox';
import { getTrainingClient } from '../../worker/engine';
import { DigitCanvas } from '../mnist-explorer/DigitCanvas';

const TEXT: TextTable<'title' | 'run' | 'hint' | 'busy' | 'failed' | 'digit' | 'pred' | 'none'> = {
  zh: {
    title: '用当前模型预测前 {n} 张测试图像',
    run: '预测',
    hint: '同一个模型导出再导入后，这里的概率应当一模一样：可以用来核对导入是否正确。',
    busy: '预测中…',
    failed: '预测失败',
    digit: '测试图像 #{i}，真实标签 {y}，预测 {p}（{c}）',
    pred: '预测',
    none: '先在上表中选一个当前模型。',
  },
  en: {
    title: 'Predict the first {n} test images with the active model',
    run: 'Predict',
    hint: 'Export a model and import it again: these probabilities should be identical, which checks the import.',
    busy: 'Predicting…',
    failed: 'Prediction failed',
    digit: 'Test image #{i}, true label {y}, predicted {p} ({c})',
    pred: 'predicted',
    none: 'Choose an active model in the table first.',
  },
};

const N = 8;
let testDigits: Promise<MnistData> | null = null;
function loadTestDigits() {
  testDigits ??= (async () => {
    const opts = { baseUrl: new URL('data/mnist/', document.baseURI).href, cache: idbBytesCache() };
    return loadSplit(await loadManifest(opts), 'test', { ...opts, limit: N });
  })().catch((e: unknown) => {
    testDigits = null;
    throw e;
  });
  return testDigits;
}

/** A quick, exact readout of the active model's outputs on a few test digits. */
export function PredictCheck({ runId }: { runId: string | null }) {
  const t = useText(TEXT);
  const [state, setState] = useState<{ runId: string; data: MnistData; probs: Float32Array } | { busy: true } | { error: string } | null>(null);
  useEffect(() => setState(null), [runId]);

  const run = async () => {
    if (!runId) return;
    setState({ busy: true });
    try {
      const data = await loadTestDigits();
      const probs = await getTrainingClient().predict(runId, data.images, data.count);
      setState({ runId, data, probs });
    } catch (e) {
      setState({ error: e instanceof DataError ? e.detail : e instanceof Error ? e.message : String(e) });
    }
  };

  const result = state && 'probs' in state && state.runId === runId ? state : null;
  return (
    <section className="runs-predict" aria-labelledby="runs-predict-title">
      <div className="runs-predict-head">
        <h4 id="runs-predict-title">{fmt(t.title, { n: N })}</h4>
        <button type="button" onClick={() => void run()} disabled={!runId || (state !== null && 'busy' in state)} data-testid="predict-run">
          {state && 'busy' in state ? t.busy : t.run}
        </button>
      </div>
      {!runId ? <p className="muted">{t.none}</p> : <p className="muted runs-hint">{t.hint}</p>}
      {state && 'error' in state ? <ErrorBox title={t.failed} detail={state.error} /> : null}
      {result ? (
        <ol className="runs-predict-row" data-testid="predict-readout" data-run-id={result.runId} data-probs={Array.from(result.probs, (p) => p.toFixed(6)).join(',')}>
          {Array.from({ length: result.data.count }, (_, i) => {
            const p = result.probs.subarray(i * 10, i * 10 + 10);
            const best = p.indexOf(Math.max(...p));
            const y = result.data.labels[i];
            const conf = `${(p[best] * 100).toFixed(1)}%`;
            return (
              <li key={i} className={best === y ? 'is-right' : 'is-wrong'} aria-label={fmt(t.digit, { i, y, p: best, c: conf })}>
                <DigitCanvas pixels={result.data.images} offset={i * 784} size={40} label={fmt(t.digit, { i, y, p: best, c: conf })} />
                <span className="runs-pred-digit" data-testid="predict-digit">
                  {best}
                </span>
                <span className="runs-pred-conf">{conf}</span>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
