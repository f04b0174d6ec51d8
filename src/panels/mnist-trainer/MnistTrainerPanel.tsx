import { useMemo, useState } from 'react';
import { BackendBadge } from '../../app/BackendBadge';
import { useLang, useText, type TextTable } from '../../app/i18n';
import { SEED_CNN } from '../../ml/model/spec';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../ml/train/types';
import { useStore } from '../../state/store';
import { getTrainingClient } from '../../worker/engine';
import { ErrorBox } from '../../ui/ErrorBox';
import { LineChart } from '../../ui/LineChart';
import { ProgressBar } from '../../ui/ProgressBar';
import { parseField, parseSettingsTable } from '../settings';
import type { PanelProps } from '../registry';
import { TRAINER_SETTINGS } from './settings';
import { TrainingControls } from './TrainingControls';

type Key = keyof typeof TRAINER_SETTINGS;
const FIELDS: Key[] = ['epochs', 'subset', 'batchSize', 'lr', 'optimizer'];

const TEXT: TextTable<Key | 'status' | 'loss' | 'acc' | 'step' | 'epoch' | 'ips' | 'elapsed' | 'val' | 'data' | 'chart' | 'invalid' | 'model' | 'error' | 'loading' | 'running' | 'paused' | 'done' | 'stopped' | 'early-stopped'> = {
  zh: {
    epochs: '轮数', subset: '训练样本数', batchSize: '批大小', lr: '学习率', optimizer: '优化器', validationSplit: '验证集比例', seed: '随机种子',
    status: '状态', loss: '损失', acc: '准确率', step: '步', epoch: '轮', ips: '图像/秒', elapsed: '用时', val: '验证', data: '下载 MNIST',
    chart: '训练损失与准确率曲线', invalid: '设置无效', model: '种子 CNN：卷积 32 → 池化 → 卷积 64 → 池化 → 全连接 64 → 10（121,930 个参数）',
    error: '出错', loading: '准备中', running: '训练中', paused: '已暂停', done: '完成', stopped: '已停止', 'early-stopped': '提前停止',
  },
  en: {
    epochs: 'Epochs', subset: 'Training images', batchSize: 'Batch size', lr: 'Learning rate', optimizer: 'Optimizer', validationSplit: 'Validation split', seed: 'Seed',
    status: 'Status', loss: 'loss', acc: 'accuracy', step: 'step', epoch: 'epoch', ips: 'images/s', elapsed: 'elapsed', val: 'validation', data: 'Downloading MNIST',
    chart: 'Training loss and accuracy curves', invalid: 'Invalid settings', model: 'Seed CNN: conv 32 → pool → conv 64 → pool → dense 64 → 10 (121,930 parameters)',
    error: 'error', loading: 'preparing', running: 'training', paused: 'paused', done: 'done', stopped: 'stopped', 'early-stopped': 'stopped early',
  },
};

export default function MnistTrainerPanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const lang = useLang();
  const initial = useMemo(() => parseSettingsTable(TRAINER_SETTINGS, settings), [settings]);
  const [raw, setRaw] = useState<Record<Key, string>>(
    () => Object.fromEntries(Object.entries(initial.values).map(([k, v]) => [k, String(v)])) as Record<Key, string>,
  );
  const parsed = useMemo(() => parseSettingsTable(TRAINER_SETTINGS, raw), [raw]);
  const errors = [...initial.errors.filter((e) => raw[e.key as Key] === String(initial.values[e.key as Key])), ...parsed.errors];

  const runId = useStore((s) => [...s.runOrder].reverse().find((id) => s.runs[id]?.owner === 'mnist-trainer') ?? null);
  const run = useStore((s) => (runId ? s.runs[runId] : null));
  const data = useStore((s) => s.engine.data);
  const addRun = useStore((s) => s.addRun);

  const start = () => {
    const v = parsed.values;
    const config: TrainConfig = {
      ...DEFAULT_TRAIN_CONFIG,
      epochs: v.epochs,
      subset: v.subset,
      batchSize: v.batchSize,
      learningRate: v.lr,
      optimizer: v.optimizer as TrainConfig['optimizer'],
      validationSplit: v.validationSplit,
      seed: v.seed,
    };
    const id = getTrainingClient().start(SEED_CNN, config);
    addRun({ id, owner: 'mnist-trainer', spec: SEED_CNN, config });
  };

  const last = run?.batches[run.batches.length - 1];
  const lastEpoch = run?.epochs[run.epochs.length - 1];
  const x = run ? run.batches.map((b) => b.step) : [];
  return (
    <div className="trainer">
      <p className="muted">{t.model}</p>
      <form className="settings-grid" onSubmit={(e) => e.preventDefault()}>
        {FIELDS.map((k) => {
          const f = TRAINER_SETTINGS[k];
          const bad = 'error' in parseField(k, f, raw[k]);
          return (
            <label key={k}>
              <span>{t[k]}</span>
              {f.kind === 'enum' ? (
                <select value={raw[k]} onChange={(e) => setRaw({ ...raw, [k]: e.target.value })} data-testid={`setting-${k}`}>
                  {f.options.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : (
                <input
                  inputMode="decimal"
                  value={raw[k]}
                  aria-invalid={bad}
                  onChange={(e) => setRaw({ ...raw, [k]: e.target.value })}
                  data-testid={`setting-${k}`}
                />
              )}
            </label>
          );
        })}
      </form>
      {errors.length ? (
        <ErrorBox title={t.invalid}>
          <ul>
            {errors.map((e) => (
              <li key={e.key}>{e[lang]}</li>
            ))}
          </ul>
        </ErrorBox>
      ) : null}
      <div className="trainer-bar">
        <TrainingControls
          status={run?.status ?? null}
          canStart={parsed.errors.length === 0}
          onStart={start}
          onPause={() => runId && getTrainingClient().pause(runId)}
          onResume={() => runId && getTrainingClient().resume(runId)}
          onStop={() => runId && getTrainingClient().stop(runId)}
        />
        <BackendBadge />
      </div>
      {run?.status === 'loading' && data ? <ProgressBar value={data.loaded} max={data.total} label={t.data} /> : null}
      {run ? (
        <dl className="stats" data-testid="train-stats">
          <div>
            <dt>{t.status}</dt>
            <dd data-testid="train-status" data-status={run.status}>
              {t[run.status]}
            </dd>
          </div>
          <div>
            <dt>{t.epoch}</dt>
            <dd>{last ? `${last.epoch + 1} / ${run.config.epochs}` : '–'}</dd>
          </div>
          <div>
            <dt>{t.step}</dt>
            <dd>{last ? last.step + 1 : '–'}</dd>
          </div>
          <div>
            <dt>{t.loss}</dt>
            <dd data-testid="train-loss">{last ? last.loss.toFixed(4) : '–'}</dd>
          </div>
          <div>
            <dt>{t.acc}</dt>
            <dd>{last ? `${(last.acc * 100).toFixed(1)}%` : '–'}</dd>
          </div>
          <div>
            <dt>{t.ips}</dt>
            <dd data-testid="train-ips">{last ? Math.round(last.imagesPerSec) : '–'}</dd>
          </div>
          <div>
            <dt>{t.elapsed}</dt>
            <dd>{(run.elapsedMs / 1000).toFixed(1)} s</dd>
          </div>
          {lastEpoch?.valAcc != null ? (
            <div>
              <dt>
                {t.val} {t.acc}
              </dt>
              <dd>{(lastEpoch.valAcc * 100).toFixed(2)}%</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {run?.error ? <ErrorBox title={t.error} detail={run.error} /> : null}
      {run ? (
        <LineChart
          ariaLabel={t.chart}
          x={x}
          xLabel={t.step}
          yLabel={t.loss}
          y2Label={t.acc}
          series={[
            { label: t.loss, color: '#c0392b', values: run.batches.map((b) => b.loss) },
            { label: t.acc, color: '#2451b7', values: run.batches.map((b) => b.acc), right: true },
          ]}
        />
      ) : null}
    </div>
  );
}
