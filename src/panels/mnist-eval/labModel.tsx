/**
 * Which trained model the chapter-7 inspection panels use: lab.activeRunId (set by the trainer
 * and runs panels), or else the latest finished run. Shows a friendly prompt when there is none.
 */
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import type { Run } from '../../state/slices/runs';
import { useStore } from '../../state/store';
import { RequestError } from '../../worker/client';

const FINISHED = new Set(['done', 'stopped', 'early-stopped']);
const LIVE = new Set(['loading', 'running', 'paused']);

export type LabModelState = 'none' | 'busy' | 'ready' | 'failed';

export interface LabModel {
  runId: string | null;
  run: Run | null;
  state: LabModelState;
}

/** The run under study and whether its model can be used now. */
export function useLabModel(): LabModel {
  const runId = useStore((s) => {
    const active = s.lab.activeRunId;
    if (active && s.runs[active]) return active;
    for (let i = s.runOrder.length - 1; i >= 0; i--) {
      const r = s.runs[s.runOrder[i]];
      if (r && FINISHED.has(r.status) && r.batches.length > 0) return r.id;
    }
    return null;
  });
  const run = useStore((s) => (runId ? (s.runs[runId] ?? null) : null));
  const state: LabModelState = !run ? 'none' : FINISHED.has(run.status) ? 'ready' : LIVE.has(run.status) ? 'busy' : 'failed';
  return { runId: run ? runId : null, run, state };
}

const TEXT: TextTable<
  | 'noneTitle'
  | 'noneBody'
  | 'goTrainer'
  | 'goChapter'
  | 'busy'
  | 'failed'
  | 'model'
  | 'images'
  | 'epochs'
  | 'epoch'
  | 'val'
  | 'lost'
  | 'restarted'
  | 'data'
  | 'other'
> = {
  zh: {
    noneTitle: '还没有训练好的模型',
    noneBody: '这个面板使用你在本章训练器里训练的模型。先训练一个吧：训练器默认的“快速试跑”（5,000 张图像、2 轮）不到一分钟就能完成。',
    goTrainer: '去训练器',
    goChapter: '打开第 7 章的训练器',
    busy: '模型还在训练（第 {e} / {n} 轮）。训练一结束，这个面板就会用上它。',
    failed: '这次训练出错了，请重新训练一个模型。',
    model: '使用的模型',
    images: '{n} 张训练图像',
    epochs: '{n} 轮',
    epoch: '1 轮',
    val: '验证准确率 {a}',
    lost: '这个模型已不在内存中（页面重新加载过，或它没有保存下来）。请重新训练一个。',
    restarted: '计算引擎刚刚重启（换了后端），请再试一次。',
    data: '无法加载 MNIST 测试图像：',
    other: '出错了：',
  },
  en: {
    noneTitle: 'No trained model yet',
    noneBody: 'This panel uses the model you train in this chapter’s trainer. Train one first: the trainer’s default quick run (5,000 images, 2 epochs) takes under a minute.',
    goTrainer: 'Go to the trainer',
    goChapter: 'Open the trainer in chapter 7',
    busy: 'The model is still training (epoch {e} of {n}). This panel will use it as soon as training ends.',
    failed: 'That training run failed; please train a model again.',
    model: 'Model',
    images: '{n} training images',
    epochs: '{n} epochs',
    epoch: '1 epoch',
    val: 'validation accuracy {a}',
    lost: 'This model is no longer in memory (the page was reloaded, or it was not saved). Please train one again.',
    restarted: 'The engine has just restarted (another backend); please try again.',
    data: 'Could not load the MNIST test images: ',
    other: 'Something went wrong: ',
  },
};

/** Scrolls to the trainer panel on this page and focuses its start button; false when there is none. */
function goToTrainer(): boolean {
  const panel = document.querySelector<HTMLElement>('[data-panel="mnist-trainer"]');
  if (!panel) return false;
  panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
  panel.querySelector<HTMLElement>('[data-testid="train-start"], button, input')?.focus({ preventScroll: true });
  return true;
}

/** The prompt shown instead of a panel's results while no usable model exists. */
export function ModelPrompt({ model }: { model: LabModel }) {
  const t = useText(TEXT);
  const lang = useLang();
  if (model.state === 'busy' && model.run) {
    const r = model.run;
    const e = r.batches.length ? r.batches[r.batches.length - 1].epoch + 1 : 1;
    return (
      <p className="lab-prompt" role="status" data-testid="lab-model-busy">
        {fmt(t.busy, { e, n: r.config.epochs })}
      </p>
    );
  }
  if (model.state === 'failed') {
    return (
      <div className="lab-prompt" role="status" data-testid="lab-model-failed">
        <p>{t.failed}</p>
        <TrainerLink label={t.goTrainer} fallback={t.goChapter} lang={lang} />
      </div>
    );
  }
  return (
    <div className="lab-prompt" data-testid="lab-model-none">
      <p>
        <strong>{t.noneTitle}</strong> {t.noneBody}
      </p>
      <TrainerLink label={t.goTrainer} fallback={t.goChapter} lang={lang} />
    </div>
  );
}

function TrainerLink({ label, fallback, lang }: { label: string; fallback: string; lang: string }) {
  const href = `#/${lang}/07-mnist-lab`;
  const onPage = typeof document !== 'undefined' && !!document.querySelector('[data-panel="mnist-trainer"]');
  return onPage ? (
    <button type="button" className="primary" onClick={goToTrainer} data-testid="lab-go-trainer">
      {label}
    </button>
  ) : (
    <a className="button primary" href={href} target="_top" data-testid="lab-go-trainer">
      {fallback}
    </a>
  );
}

/** One line naming the model in use. */
export function ModelLine({ run }: { run: Run }) {
  const t = useText(TEXT);
  const lang = useLang();
  const nf = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en');
  const last = run.epochs[run.epochs.length - 1];
  const parts = [
    run.name,
    run.trainCount ? fmt(t.images, { n: nf.format(run.trainCount) }) : null,
    run.epochs.length === 1 ? t.epoch : fmt(t.epochs, { n: run.epochs.length }),
    last?.valAcc != null ? fmt(t.val, { a: `${(last.valAcc * 100).toFixed(2)}%` }) : null,
  ].filter(Boolean);
  return (
    <p className="lab-model muted" data-testid="lab-model" data-run={run.id}>
      {t.model}: {parts.join(' · ')}
    </p>
  );
}

/** A request failure in the reader's language. */
export function useErrorText(): (e: unknown) => string {
  const t = useText(TEXT);
  return (e) => {
    if (e instanceof RequestError) {
      if (e.code === 'unknown-run') return t.lost;
      if (e.code === 'data') return t.data + e.detail;
      return t.other + e.message;
    }
    const m = e instanceof Error ? e.message : String(e);
    return m === 'worker restarted' ? t.restarted : t.other + m;
  };
}
