import { useMemo, useState } from 'react';
import { BackendBadge } from '../../app/BackendBadge';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { loadWeights, labKV } from '../../state/runStorage';
import type { Run } from '../../state/slices/runs';
import { useStore } from '../../state/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { formatNumber } from '../../ui/formatNumber';
import { ProgressBar } from '../../ui/ProgressBar';
import { getTrainingClient } from '../../worker/engine';
import { paramsOf, PRESET_LABEL, presetOf } from '../mnist-architecture/archInfo';
import { newRunName } from '../mnist-runs/runLabel';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { buildConfig, continueConfig, epochHistory } from './config';
import { DivergenceNotice } from './DivergenceNotice';
import { HyperParams, TRAINER_LABELS } from './HyperParams';
import { RunPresets } from './RunPresets';
import { TRAINER_SETTINGS, type TrainerKey } from './settings';
import { TrainerCharts } from './TrainerCharts';
import { TrainerStats } from './TrainerStats';
import { TrainingControls } from './TrainingControls';
import './mnist-trainer.css';

const TEXT: TextTable<'net' | 'params' | 'invalid' | 'error' | 'data' | 'interrupted' | 'noWeights' | 'continued' | 'keepsGoing' | 'weightsLost' | 'lossHint'> = {
  zh: {
    net: '要训练的网络：', params: '{n} 个参数', invalid: '设置无效', error: '训练出错', data: '下载 MNIST 训练集',
    interrupted: '这次训练被页面刷新打断了。曲线已保存{w}；可以从保存的权重接着训练（会新建一次运行）。',
    noWeights: '，但第一轮还没结束，没有保存权重', continued: '接着 {name} 训练', weightsLost: '找不到这次训练保存的权重，无法接着训练。',
    keepsGoing: '训练在后台的工作线程里进行：翻到别的章节也不会停。',
    lossHint: '第一批的损失应接近 ln 10 ≈ 2.30（随机猜测）。',
  },
  en: {
    net: 'Network to train:', params: '{n} parameters', invalid: 'Invalid settings', error: 'Training failed', data: 'Downloading the MNIST training set',
    interrupted: 'A page reload interrupted this run. Its curves were saved{w}; you can continue from the saved weights (as a new run).',
    noWeights: ', but the first epoch had not finished, so no weights were saved', continued: 'continues {name}',
    weightsLost: 'The saved weights of this run could not be found, so it cannot be continued.',
    keepsGoing: 'Training runs in a background worker: it keeps going while you read other chapters.',
    lossHint: 'The first losses should be near ln 10 ≈ 2.30 (random guessing).',
  },
};

const ENDED = new Set(['done', 'stopped', 'early-stopped']);

export default function MnistTrainerPanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const presetNames = useText(PRESET_LABEL);
  const lang = useLang();
  const initial = useMemo(() => parseSettingsTable(TRAINER_SETTINGS, settings, TRAINER_LABELS), [settings]);
  const [raw, setRaw] = useState<Record<TrainerKey, string>>(
    () => Object.fromEntries(Object.entries(initial.values).map(([k, v]) => [k, String(v)])) as Record<TrainerKey, string>,
  );
  const parsed = useMemo(() => parseSettingsTable(TRAINER_SETTINGS, raw, TRAINER_LABELS), [raw]);
  const built = useMemo(() => buildConfig(parsed.values), [parsed]);
  const errors = [...initial.errors.filter((e) => raw[e.key as TrainerKey] === String(initial.values[e.key as TrainerKey])), ...parsed.errors];
  const problems = parsed.errors.length ? [] : built.problems;
  const [actionError, setActionError] = useState<string | null>(null);

  const spec = useStore((s) => s.lab.spec);
  const runId = useStore((s) => [...s.runOrder].reverse().find((id) => s.runs[id]?.owner === 'mnist-trainer') ?? null);
  const run = useStore((s) => (runId ? s.runs[runId] : null));
  const runs = useStore((s) => s.runs);
  const data = useStore((s) => s.engine.data);
  const history = useMemo(() => (run ? epochHistory(run, runs) : []), [run, runs]);
  const parent = run?.parentId ? runs[run.parentId] : undefined;

  const launch = (r: Pick<Run, 'spec' | 'config'> & Partial<Pick<Run, 'parentId' | 'source' | 'name'>>, weights?: Parameters<ReturnType<typeof getTrainingClient>['start']>[2]) => {
    const s = useStore.getState();
    const id = getTrainingClient().start(r.spec, r.config, weights);
    s.addRun({ id, owner: 'mnist-trainer', spec: r.spec, config: r.config, source: r.source ?? 'train', name: r.name ?? newRunName(s.runOrder.length + 1, r.spec, r.config), ...(r.parentId ? { parentId: r.parentId } : {}) });
    s.setActiveRun(id);
  };
  const start = () => {
    setActionError(null);
    launch({ spec: useStore.getState().lab.spec, config: built.config });
  };
  const canContinue = !!run && ENDED.has(run.status) && !!run.checkpoint && run.source !== 'import';
  const continueRun = async () => {
    if (!run) return;
    setActionError(null);
    const weights = await loadWeights(labKV(), run.id).catch(() => null);
    if (!weights) return setActionError(t.weightsLost);
    const config = continueConfig(run, parsed.values.epochs);
    launch({ spec: run.spec, config, parentId: run.id, source: 'continue', name: `${run.name ?? run.id} ↻` }, weights);
  };

  const which = presetOf(spec);
  return (
    <div className="trainer tr" data-testid="mnist-trainer">
      <p className="tr-net">
        {t.net} <strong data-testid="train-arch">{presetNames[which]}</strong> · {fmt(t.params, { n: formatNumber(paramsOf(spec), lang) })}
      </p>
      <RunPresets raw={raw} onPick={(subset, epochs) => setRaw((r) => ({ ...r, subset: String(subset), epochs: String(epochs) }))} />
      <HyperParams raw={raw} onChange={(k, v) => setRaw((r) => ({ ...r, [k]: v }))} disabled={false} />
      {errors.length || problems.length ? (
        <ErrorBox title={t.invalid}>
          <ul>
            {errors.map((e) => (
              <li key={e.key}>{e[lang]}</li>
            ))}
            {problems.map((p) => (
              <li key={p.key + p.en}>{p[lang]}</li>
            ))}
          </ul>
        </ErrorBox>
      ) : null}
      <div className="trainer-bar">
        <TrainingControls
          status={run?.status ?? null}
          canStart={parsed.errors.length === 0 && problems.length === 0}
          onStart={start}
          onPause={() => runId && getTrainingClient().pause(runId)}
          onResume={() => runId && getTrainingClient().resume(runId)}
          onStop={() => runId && getTrainingClient().stop(runId)}
          onContinue={canContinue ? () => void continueRun() : undefined}
        />
        <BackendBadge />
      </div>
      {actionError ? <ErrorBox title={t.error} detail={actionError} /> : null}
      {run?.interrupted ? (
        <p className="tr-interrupted" role="status" data-testid="train-interrupted">
          {fmt(t.interrupted, { w: run.checkpoint ? '' : t.noWeights })}
        </p>
      ) : null}
      {run?.source === 'continue' && parent ? <p className="muted tr-meta">{fmt(t.continued, { name: parent.name ?? parent.id })}</p> : null}
      {run?.status === 'loading' && data ? <ProgressBar value={data.loaded} max={data.total} label={t.data} /> : null}
      {run ? <TrainerStats run={run} /> : <p className="muted tr-meta">{t.lossHint}</p>}
      {run?.error ? <ErrorBox title={t.error} detail={run.error} /> : null}
      {run?.divergence ? <DivergenceNotice d={run.divergence} config={run.config} currentLr={raw.lr} onApplyLr={(lr) => setRaw((r) => ({ ...r, lr: String(lr) }))} /> : null}
      {run ? <TrainerCharts run={run} history={history} /> : null}
      {run && (run.status === 'running' || run.status === 'loading') ? <p className="muted tr-meta">{t.keepsGoing}</p> : null}
    </div>
  );
}
