import { BACKEND_NAME, probeLine } from '../../app/backendText';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import type { Run } from '../../state/slices/runs';
import { useStore } from '../../state/store';
import { formatNumber } from '../../ui/formatNumber';
import { ProgressBar } from '../../ui/ProgressBar';

type Status = Run['status'];
const TEXT: TextTable<
  Status | 'status' | 'epoch' | 'step' | 'loss' | 'acc' | 'valLoss' | 'valAcc' | 'ips' | 'elapsed' | 'eta' | 'progress' | 'images' | 'why' | 'probes' | 'failed'
  | 'fastest' | 'chosen' | 'fallback' | 'cached' | 'backendLabel'
> = {
  zh: {
    loading: '准备中', running: '训练中', paused: '已暂停', done: '完成', stopped: '已停止', 'early-stopped': '提前停止', error: '出错',
    status: '状态', epoch: '轮', step: '步', loss: '损失（本批）', acc: '准确率（本批）', valLoss: '验证损失', valAcc: '验证准确率', ips: '图像/秒',
    elapsed: '用时', eta: '预计剩余', progress: '训练进度', images: '训练 {t} 张 · 验证 {v} 张 · 每轮 {s} 步',
    why: '为什么是这个后端：', probes: '启动时实测', failed: '不可用', backendLabel: '计算后端',
    fastest: '在你的设备上实测最快', chosen: '你手动选择的', fallback: '更快的后端不可用，自动回退', cached: '上次在这台设备上实测最快',
  },
  en: {
    loading: 'preparing', running: 'training', paused: 'paused', done: 'done', stopped: 'stopped', 'early-stopped': 'stopped early', error: 'error',
    status: 'Status', epoch: 'Epoch', step: 'Step', loss: 'Loss (batch)', acc: 'Accuracy (batch)', valLoss: 'Validation loss', valAcc: 'Validation accuracy',
    ips: 'Images/s', elapsed: 'Elapsed', eta: 'Time left', progress: 'Training progress', images: '{t} training · {v} validation images · {s} steps per epoch',
    why: 'Why this backend:', probes: 'measured at start', failed: 'unavailable', backendLabel: 'Compute backend',
    fastest: 'measured fastest on your device', chosen: 'chosen by you', fallback: 'faster backends were unavailable', cached: 'fastest on this device last time',
  },
};

export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The run's numbers, its progress, and which backend trains it and why. */
export function TrainerStats({ run }: { run: Run }) {
  const lang = useLang();
  const t = useText(TEXT);
  const engine = useStore((s) => s.engine);
  const last = run.batches[run.batches.length - 1];
  const lastEpoch = run.epochs[run.epochs.length - 1];
  const totalSteps = run.stepsPerEpoch * run.config.epochs;
  const doneSteps = last ? last.step + 1 : 0;
  const live = run.status === 'running' || run.status === 'paused' || run.status === 'loading';
  const etaMs = live && last && last.imagesPerSec > 0 ? (((totalSteps - doneSteps) * run.config.batchSize) / last.imagesPerSec) * 1000 : null;
  const pct = (v: number | null | undefined, d = 1) => (v == null ? '–' : formatNumber(v, lang, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d }));
  const reason = engine.reason && engine.reason in t ? t[engine.reason as 'fastest'] : null;
  const probes = engine.probes.map((p) => probeLine(p, lang, p.ok && p.name === engine.backend)).join(' · ');
  return (
    <>
      {run.stepsPerEpoch > 0 ? <ProgressBar value={doneSteps} max={totalSteps} label={t.progress} /> : null}
      <dl className="stats tr-stats" data-testid="train-stats">
        <div>
          <dt>{t.status}</dt>
          <dd data-testid="train-status" data-status={run.status} data-interrupted={run.interrupted ? 'true' : undefined}>
            {t[run.status]}
          </dd>
        </div>
        <div>
          <dt>{t.epoch}</dt>
          <dd>{last ? `${last.epoch + 1} / ${run.config.epochs}` : '–'}</dd>
        </div>
        <div>
          <dt>{t.step}</dt>
          <dd>{last ? `${doneSteps} / ${totalSteps}` : '–'}</dd>
        </div>
        <div>
          <dt>{t.loss}</dt>
          <dd data-testid="train-loss">{last ? last.loss.toFixed(4) : '–'}</dd>
        </div>
        <div>
          <dt>{t.acc}</dt>
          <dd>{pct(last?.acc)}</dd>
        </div>
        <div>
          <dt>{t.valLoss}</dt>
          <dd>{lastEpoch?.valLoss != null ? lastEpoch.valLoss.toFixed(4) : '–'}</dd>
        </div>
        <div>
          <dt>{t.valAcc}</dt>
          <dd data-testid="train-val-acc">{pct(lastEpoch?.valAcc, 2)}</dd>
        </div>
        <div>
          <dt>{t.ips}</dt>
          <dd data-testid="train-ips">{last ? Math.round(last.imagesPerSec) : '–'}</dd>
        </div>
        <div>
          <dt>{t.elapsed}</dt>
          <dd data-testid="train-elapsed">{clock(run.elapsedMs)}</dd>
        </div>
        {etaMs !== null ? (
          <div>
            <dt>{t.eta}</dt>
            <dd>{clock(etaMs)}</dd>
          </div>
        ) : null}
      </dl>
      <p className="muted tr-meta">
        {run.trainCount ? fmt(t.images, { t: formatNumber(run.trainCount, lang), v: formatNumber(run.valCount, lang), s: formatNumber(run.stepsPerEpoch, lang) }) : null}
      </p>
      {reason || probes ? (
        <p className="muted tr-backend" data-testid="train-backend-why">
          {run.backend ? <strong>{BACKEND_NAME[lang][run.backend]}</strong> : null} {reason ? `${t.why} ${reason}.` : ''} {probes ? `${t.probes}: ${probes}` : ''}
        </p>
      ) : null}
    </>
  );
}
