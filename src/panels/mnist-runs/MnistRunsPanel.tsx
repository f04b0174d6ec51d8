import { useCallback, useEffect, useMemo, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { labKV, listModels, type SavedModelMeta } from '../../state/runStorage';
import type { Run } from '../../state/slices/runs';
import { useStore } from '../../state/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { LineChart } from '../../ui/LineChart';
import { epochHistory } from '../mnist-trainer/config';
import type { PanelProps } from '../registry';
import { ActionError, exportRun, saveRunAsModel } from './actions';
import { ModelFiles } from './ModelFiles';
import { PredictCheck } from './PredictCheck';
import { runName } from './runLabel';
import { RunsTable } from './RunsTable';
import './mnist-runs.css';
import { useThemeColors, type ThemeColors } from '../../ui/theme';

const METRICS = ['valAcc', 'valLoss', 'loss', 'acc'] as const;
type Metric = (typeof METRICS)[number];

const TEXT: TextTable<Metric | 'metric' | 'epoch' | 'chart' | 'empty' | 'noCurves' | 'failed' | 'savedOk' | 'exportedOk' | 'working' | 'tip'> = {
  zh: {
    valAcc: '验证准确率', valLoss: '验证损失', loss: '训练损失', acc: '训练准确率', metric: '比较的指标', epoch: '轮', chart: '各次训练每轮的{m}曲线',
    empty: '还没有训练记录。用上面的训练面板训练一次（或导入一个模型），它会出现在这里；刷新页面后也还在。',
    noCurves: '勾选至少一个有曲线的运行来比较。', failed: '操作失败', savedOk: '已把“{name}”存入浏览器。', exportedOk: '已导出 model.json 和 weights.bin：',
    working: '处理中…', tip: '一次只改一个设置，每个设置多跑几个种子，在验证集上比较。',
  },
  en: {
    valAcc: 'validation accuracy', valLoss: 'validation loss', loss: 'training loss', acc: 'training accuracy', metric: 'Metric to compare', epoch: 'epoch',
    chart: '{m} per epoch of each run', empty: 'No training runs yet. Train one with the trainer above (or import a model) and it appears here; it stays after a reload.',
    noCurves: 'Tick at least one run with curves to compare.', failed: 'That did not work', savedOk: 'Saved “{name}” in this browser.',
    exportedOk: 'Exported model.json and weights.bin:', working: 'Working…', tip: 'Change one setting at a time, run each setting with several seeds, and compare on the validation set.',
  },
};

const ACC_RANGE: [number, number] = [0, 1];
const paletteOf = (c: ThemeColors) => [c.blue, c.red, c.green, c.orange, c.purple, c.teal, c.pink, c.olive, c.grey, c.brown];

export default function MnistRunsPanel(_props: PanelProps) {
  const t = useText(TEXT);
  const tc = useThemeColors();
  const lang = useLang();
  const runOrder = useStore((s) => s.runOrder);
  const runsById = useStore((s) => s.runs);
  const activeId = useStore((s) => s.lab.activeRunId);
  const [metric, setMetric] = useState<Metric>('valAcc');
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string; links?: { json: string; bin: string } } | null>(null);
  const [saved, setSaved] = useState<{ models: SavedModelMeta[]; corrupt: number }>({ models: [], corrupt: 0 });

  const refreshSaved = useCallback(() => {
    listModels(labKV()).then(setSaved, () => setSaved({ models: [], corrupt: 0 }));
  }, []);
  useEffect(refreshSaved, [refreshSaved]);
  useEffect(
    () => () => {
      if (note?.links) [note.links.json, note.links.bin].forEach((u) => URL.revokeObjectURL(u));
    },
    [note],
  );

  const runs = useMemo(() => runOrder.map((id) => runsById[id]).filter((r): r is Run => !!r), [runOrder, runsById]);
  const colors = useMemo(() => {
    const palette = paletteOf(tc);
    return Object.fromEntries(runOrder.map((id, i) => [id, palette[i % palette.length]]));
  }, [runOrder, tc]);
  const shown = useMemo(() => new Set(runs.filter((r) => r.epochs.length && !hidden.has(r.id)).map((r) => r.id)), [runs, hidden]);

  const chart = useMemo(() => {
    const plotted = runs.filter((r) => shown.has(r.id)).map((r) => ({ run: r, h: epochHistory(r, runsById) }));
    const n = Math.max(0, ...plotted.map((p) => p.h.length));
    return {
      x: Array.from({ length: n }, (_, i) => i + 1),
      series: plotted.map(({ run, h }) => ({
        label: runName(run, runOrder.indexOf(run.id)),
        color: colors[run.id],
        values: Array.from({ length: n }, (_, i) => (h[i] ? (h[i][metric] ?? null) : null)),
      })),
    };
  }, [runs, shown, runsById, runOrder, colors, metric]);

  const act = async (label: string, f: () => Promise<string | { text: string; links?: { json: string; bin: string } }>) => {
    setBusy(label);
    setNote(null);
    try {
      const r = await f();
      setNote(typeof r === 'string' ? { ok: true, text: r } : { ok: true, ...r });
    } catch (e) {
      setNote({ ok: false, text: e instanceof ActionError ? e.text[lang] : e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };
  const s = useStore.getState;

  return (
    <div className="runs" data-testid="mnist-runs">
      {runs.length === 0 ? (
        <p className="runs-empty">{t.empty}</p>
      ) : (
        <>
          <div className="runs-chart-head">
            <label>
              <span>{t.metric}</span>
              <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)} data-testid="runs-metric">
                {METRICS.map((m) => (
                  <option key={m} value={m}>
                    {t[m]}
                  </option>
                ))}
              </select>
            </label>
            <p className="muted runs-hint">{t.tip}</p>
          </div>
          {chart.series.length ? (
            <LineChart className="line-chart runs-chart" testId="runs-chart" xInteger ariaLabel={fmt(t.chart, { m: t[metric] })} height={240} x={chart.x} xLabel={t.epoch} yLabel={t[metric]} yRange={metric === 'valAcc' || metric === 'acc' ? ACC_RANGE : undefined} series={chart.series} />
          ) : (
            <p className="muted runs-hint">{t.noCurves}</p>
          )}
          <RunsTable
            runs={runs}
            allIds={runOrder}
            activeId={activeId}
            shown={shown}
            colors={colors}
            busy={busy}
            actions={{
              activate: (id) => s().setActiveRun(id),
              toggle: (id) => setHidden((h) => (h.has(id) ? new Set([...h].filter((x) => x !== id)) : new Set([...h, id]))),
              rename: (id, name) => s().patchRun(id, { name }),
              remove: (id) => {
                if (s().lab.activeRunId === id) s().setActiveRun(null);
                s().removeRun(id);
              },
              save: (run, name) =>
                void act('save', async () => {
                  await saveRunAsModel(run, name);
                  refreshSaved();
                  return fmt(t.savedOk, { name });
                }),
              exportRun: (run, name) =>
                void act('export', async () => {
                  const files = await exportRun(run, name);
                  return { text: t.exportedOk, links: { json: URL.createObjectURL(files.json), bin: URL.createObjectURL(files.bin) } };
                }),
            }}
          />
        </>
      )}
      {busy ? <p className="muted" aria-live="polite">{t.working}</p> : null}
      {note && !note.ok ? <ErrorBox title={t.failed} detail={note.text} /> : null}
      {note?.ok ? (
        <p className="runs-ok" role="status" data-testid="runs-note">
          ✓ {note.text}{' '}
          {note.links ? (
            <>
              <a href={note.links.json} download="model.json" data-testid="export-json">
                model.json
              </a>{' '}
              ·{' '}
              <a href={note.links.bin} download="weights.bin" data-testid="export-bin">
                weights.bin
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <PredictCheck runId={activeId && runsById[activeId] ? activeId : null} />
      <ModelFiles models={saved.models} corrupt={saved.corrupt} onChanged={refreshSaved} />
    </div>
  );
}
