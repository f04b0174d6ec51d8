import { useMemo, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { accuracyStdError, type EvalResult } from '../../ml/inspect/metrics';
import { useStore } from '../../state/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { ProgressBar } from '../../ui/ProgressBar';
import { getTrainingClient } from '../../worker/engine';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { ClassBars } from './ClassBars';
import { ConfusionMatrix } from './ConfusionMatrix';
import { EvalGallery } from './EvalGallery';
import { ModelLine, ModelPrompt, useErrorText, useLabModel } from './labModel';
import { EVAL_SETTINGS } from './settings';
import { ensureTestSet, useTestSet } from './useTestSet';
import './mnist-eval.css';

const TEXT: TextTable<
  'intro' | 'run' | 'again' | 'download' | 'evaluating' | 'accuracy' | 'errors' | 'loss' | 'se' | 'seNote' | 'failed' | 'invalid' | 'retry'
> = {
  zh: {
    intro: '在训练时从没见过的 {n} 张测试图像上评估当前模型。计算在后台线程里进行，页面保持流畅。',
    run: '在 {n} 张测试图像上评估',
    again: '重新评估',
    download: '下载测试图像',
    evaluating: '正在评估',
    accuracy: '测试准确率',
    errors: '错误',
    loss: '交叉熵损失',
    se: '标准误差',
    seNote: '±{se} 个百分点：两次运行相差不到两三倍于此，就可能只是运气。',
    failed: '评估失败',
    invalid: '面板设置无效',
    retry: '重试',
  },
  en: {
    intro: 'Evaluate the current model on {n} test images it never saw in training. The work runs in a background thread, so the page stays responsive.',
    run: 'Evaluate on {n} test images',
    again: 'Evaluate again',
    download: 'Downloading the test images',
    evaluating: 'Evaluating',
    accuracy: 'Test accuracy',
    errors: 'Errors',
    loss: 'Cross-entropy loss',
    se: 'Standard error',
    seNote: '±{se} points: two runs closer than two or three times this may differ by luck alone.',
    failed: 'Evaluation failed',
    invalid: 'Invalid panel settings',
    retry: 'Retry',
  },
};

/** Results by run, kept for the page's lifetime so leaving and re-opening the chapter keeps them. */
const results = new Map<string, EvalResult>();

type Job = { runId: string; phase: 'data' | 'eval'; done: number; total: number } | null;

export default function MnistEvalPanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const lang = useLang();
  const nf = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en');
  const { values: cfg, errors: cfgErrors } = useMemo(() => parseSettingsTable(EVAL_SETTINGS, settings), [settings]);
  const model = useLabModel();
  const testSet = useTestSet();
  const errText = useErrorText();
  const [, bump] = useState(0);
  const [job, setJob] = useState<Job>(null);
  const [error, setError] = useState<{ runId: string; text: string } | null>(null);
  const [selected, setSelected] = useState<{ t: number; p: number } | null>(null);

  const runId = model.state === 'ready' ? model.runId : null;
  const result = runId ? results.get(runId) : undefined;
  const busy = job !== null && job.runId === runId;

  const evaluate = async () => {
    if (!runId) return;
    setError(null);
    setSelected(null);
    setJob({ runId, phase: 'data', done: 0, total: 0 });
    try {
      // The main thread's copy draws the galleries; loading it first also fills the IndexedDB cache the worker reads.
      await ensureTestSet();
      const r = await getTrainingClient().evaluate(runId, {
        limit: cfg.limit,
        onProgress: (phase, done, total) => setJob({ runId, phase, done, total }),
      });
      results.set(runId, r);
      // The runs table shows each run's test accuracy once measured here.
      useStore.getState().patchRun(runId, { test: { acc: r.accuracy, count: r.count } });
    } catch (e) {
      setError({ runId, text: errText(e) });
    } finally {
      setJob((j) => (j?.runId === runId ? null : j));
      bump((n) => n + 1);
    }
  };

  const n = nf.format(cfg.limit);
  const se = result ? accuracyStdError(result.accuracy, result.count) : NaN;
  return (
    <div className="mnist-eval">
      {cfgErrors.length ? <ErrorBox title={t.invalid} detail={cfgErrors.map((e) => e[lang]).join('\n')} /> : null}
      {model.state !== 'ready' || !model.run ? (
        <ModelPrompt model={model} />
      ) : (
        <>
          <ModelLine run={model.run} />
          <p className="muted">{fmt(t.intro, { n })}</p>
          <div className="controls">
            <button type="button" className="primary" onClick={evaluate} disabled={busy} data-testid="eval-start">
              {result ? t.again : fmt(t.run, { n })}
            </button>
          </div>
        </>
      )}
      {busy && job ? (
        job.phase === 'data' ? (
          testSet.status === 'loading' ? <ProgressBar value={testSet.loaded} max={testSet.total} label={t.download} /> : <ProgressBar value={job.done} max={job.total || 1} label={t.download} />
        ) : (
          <ProgressBar value={job.done} max={job.total || 1} label={`${t.evaluating} ${nf.format(job.done)} / ${nf.format(job.total)}`} />
        )
      ) : null}
      {error && error.runId === runId ? (
        <ErrorBox title={t.failed} detail={error.text}>
          <div>
            <button type="button" onClick={evaluate}>
              {t.retry}
            </button>
          </div>
        </ErrorBox>
      ) : null}
      {result ? (
        <div className="eval-results" data-testid="eval-results">
          <dl className="stats eval-stats">
            <div className="eval-stat-main">
              <dt>{t.accuracy}</dt>
              <dd data-testid="eval-accuracy" data-value={result.accuracy}>
                {(result.accuracy * 100).toFixed(2)}%
              </dd>
            </div>
            <div>
              <dt>{t.errors}</dt>
              <dd data-testid="eval-errors">
                {nf.format(result.misclassified.length)} / {nf.format(result.count)}
              </dd>
            </div>
            <div>
              <dt>{t.loss}</dt>
              <dd>{result.loss.toFixed(4)}</dd>
            </div>
            <div>
              <dt>{t.se}</dt>
              <dd>±{(se * 100).toFixed(2)}</dd>
            </div>
          </dl>
          <p className="muted">{fmt(t.seNote, { se: (se * 100).toFixed(2) })}</p>
          <div className="eval-grid">
            <ConfusionMatrix
              confusion={result.confusion}
              selected={selected}
              onSelect={(ti, p) => setSelected(selected?.t === ti && selected.p === p ? null : { t: ti, p })}
            />
            <ClassBars confusion={result.confusion} />
          </div>
          <EvalGallery result={result} data={testSet.status === 'ready' ? testSet.data : null} selected={selected} onShowAll={() => setSelected(null)} />
          {testSet.status === 'error' ? (
            <ErrorBox title={t.failed} detail={`${testSet.code}: ${testSet.detail}`}>
              <div>
                <button type="button" onClick={testSet.load}>
                  {t.retry}
                </button>
              </div>
            </ErrorBox>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
