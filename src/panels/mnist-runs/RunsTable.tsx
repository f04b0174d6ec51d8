import { Fragment, useEffect, useId, useState } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import type { Run } from '../../state/slices/runs';
import { clock } from '../mnist-trainer/TrainerStats';
import { archText, finalMetrics, runName, scheduleText } from './runLabel';

type Col = 'show' | 'active' | 'name' | 'status' | 'arch' | 'opt' | 'lr' | 'sched' | 'batch' | 'epochs' | 'images' | 'val' | 'seed' | 'loss' | 'valLoss' | 'valAcc' | 'best' | 'test' | 'time' | 'backend' | 'actions' | 'details';
const TEXT: TextTable<
  Col | 'caption' | 'diverged' | 'showDetails' | 'hideDetails' | 'testHint' | 'rename' | 'save' | 'export' | 'delete' | 'confirm' | 'ok' | 'cancel' | 'showRun' | 'activeRun' | 'imported' | 'saved' | 'interrupted' | 'newName'
  | 'loading' | 'running' | 'paused' | 'done' | 'stopped' | 'early-stopped' | 'error'
> = {
  zh: {
    show: '画出', active: '当前模型', name: '名称', status: '状态', arch: '结构 · 参数', opt: '优化器', lr: '学习率', sched: '调度', batch: '批', epochs: '轮',
    images: '训练图像', val: '验证比例', seed: '种子', loss: '训练损失', valLoss: '验证损失', valAcc: '最终验证', best: '最佳验证', test: '测试准确率', details: '详情',
    showDetails: '显示 {name} 的设置与操作', hideDetails: '收起 {name} 的详情', testHint: '在“评估”面板里测量', diverged: '发散', time: '用时', backend: '后端',
    actions: '操作', caption: '所有训练运行的超参数与最终指标', rename: '改名', save: '存入浏览器', export: '导出', delete: '删除', confirm: '确认删除？', ok: '确定',
    cancel: '取消', showRun: '在图中画出 {name}', activeRun: '把 {name} 设为评估、查看内部和手写面板使用的模型', imported: '导入', saved: '已保存的模型',
    interrupted: '被打断', newName: '新名称', loading: '准备中', running: '训练中', paused: '已暂停', done: '完成', stopped: '已停止', 'early-stopped': '提前停止', error: '出错',
  },
  en: {
    show: 'Plot', active: 'Active', name: 'Name', status: 'Status', arch: 'Network · params', opt: 'Optimizer', lr: 'LR', sched: 'Schedule', batch: 'Batch',
    epochs: 'Epochs', images: 'Train images', val: 'Val split', seed: 'Seed', loss: 'Train loss', valLoss: 'Val loss', valAcc: 'Final val', best: 'Best val', test: 'Test acc', details: 'Details',
    showDetails: 'Show the settings and actions of {name}', hideDetails: 'Hide the details of {name}', testHint: 'measured in the evaluation panel', diverged: 'diverged',
    time: 'Time', backend: 'Backend', actions: 'Actions', caption: 'Hyperparameters and final metrics of every training run', rename: 'Rename',
    save: 'Save in browser', export: 'Export', delete: 'Delete', confirm: 'Really delete?', ok: 'OK', cancel: 'Cancel', showRun: 'Plot {name}',
    activeRun: 'Use {name} in the evaluation, inside-the-network and drawing panels', imported: 'imported', saved: 'saved model', interrupted: 'interrupted',
    newName: 'New name', loading: 'preparing', running: 'training', paused: 'paused', done: 'done', stopped: 'stopped', 'early-stopped': 'stopped early', error: 'error',
  },
};

const pct = (v: number | null | undefined, d = 2) => (v == null ? '–' : `${(v * 100).toFixed(d)}%`);
const LIVE = new Set(['loading', 'running', 'paused']);

export interface RowActions {
  activate(id: string): void;
  toggle(id: string): void;
  rename(id: string, name: string): void;
  remove(id: string): void;
  save(run: Run, name: string): void;
  exportRun(run: Run, name: string): void;
}

/** "Rename", then an inline form (in the run's details). */
function RenameControl({ run, name, actions }: { run: Run; name: string; actions: RowActions }) {
  const t = useText(TEXT);
  const [editing, setEditing] = useState<string | null>(null);
  if (editing === null) {
    return (
      <button type="button" className="runs-mini" onClick={() => setEditing(name)} data-testid="run-rename">
        {t.rename}
      </button>
    );
  }
  const commit = () => {
    const v = editing.trim();
    if (v) actions.rename(run.id, v.slice(0, 80));
    setEditing(null);
  };
  return (
    <form className="runs-rename" onSubmit={(e) => (e.preventDefault(), commit())}>
      <input
        autoFocus
        aria-label={t.newName}
        value={editing}
        maxLength={80}
        onChange={(e) => setEditing(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
        data-testid="run-rename-input"
      />
      <button type="submit" className="runs-mini">
        {t.ok}
      </button>
      <button type="button" className="runs-mini" onClick={() => setEditing(null)}>
        {t.cancel}
      </button>
    </form>
  );
}

function DeleteButton({ onDelete, disabled }: { onDelete(): void; disabled: boolean }) {
  const t = useText(TEXT);
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const id = setTimeout(() => setArmed(false), 4000);
    return () => clearTimeout(id);
  }, [armed]);
  return (
    <button type="button" className={armed ? 'runs-mini is-danger' : 'runs-mini'} disabled={disabled} onClick={() => (armed ? onDelete() : setArmed(true))} data-testid="run-delete">
      {armed ? t.confirm : t.delete}
    </button>
  );
}

/** A run's settings, losses and actions: shown under its row on demand. */
function RunDetails({ run, name, actions, busy, id }: { run: Run; name: string; actions: RowActions; busy: string | null; id: string }) {
  const t = useText(TEXT);
  const { last } = finalMetrics(run);
  const trained = run.source !== 'import';
  const c = run.config;
  const dash = (v: string | number) => (trained ? v : '–');
  const live = LIVE.has(run.status);
  const items: [Col, string | number][] = [
    ['arch', archText(run.spec)],
    ['opt', dash(c.optimizer)],
    ['lr', dash(c.learningRate)],
    ['sched', dash(scheduleText(c.schedule))],
    ['batch', dash(c.batchSize)],
    ['images', trained ? (run.trainCount || c.subset || 60000).toLocaleString('en-US') : '–'],
    ['val', dash(c.validationSplit)],
    ['seed', dash(c.seed)],
    ['loss', last ? last.loss.toFixed(4) : '–'],
    ['valLoss', last?.valLoss != null ? last.valLoss.toFixed(4) : '–'],
    ['backend', run.backend ?? '–'],
  ];
  return (
    <div className="runs-details" id={id} data-testid="run-details">
      <div className="runs-details-actions">
        <RenameControl run={run} name={name} actions={actions} />
        <button type="button" className="runs-mini" disabled={busy !== null || !run.checkpoint} onClick={() => actions.save(run, name)} data-testid="run-save">
          {t.save}
        </button>
        <button type="button" className="runs-mini" disabled={busy !== null || (!run.checkpoint && !live)} onClick={() => actions.exportRun(run, name)} data-testid="run-export">
          {t.export}
        </button>
        <DeleteButton disabled={live} onDelete={() => actions.remove(run.id)} />
      </div>
      <dl className="runs-details-grid">
        {items.map(([k, v]) => (
          <div key={k}>
            <dt>{t[k]}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * The runs as a table that fits the column: what you compare runs by (status, epochs, accuracies,
 * time) in the row; each run's settings, losses and actions under a details toggle.
 */
export function RunsTable(props: { runs: Run[]; allIds: string[]; activeId: string | null; shown: Set<string>; colors: Record<string, string>; actions: RowActions; busy: string | null }) {
  const t = useText(TEXT);
  const { actions } = props;
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => setOpen((o) => (o.has(id) ? new Set([...o].filter((x) => x !== id)) : new Set([...o, id])));
  const cols: Col[] = ['show', 'active', 'name', 'status', 'epochs', 'valAcc', 'best', 'test', 'time', 'details'];
  const domId = useId();
  return (
    <div className="runs-table-wrap" data-testid="runs-table-wrap">
      <table className="runs-table" data-testid="runs-table">
        <caption className="sr-only-runs">{t.caption}</caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col" className={c === 'details' ? 'sr-only-cell' : undefined}>
                {c === 'details' ? <span className="sr-only-runs">{t[c]}</span> : t[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.runs.map((run) => {
            const name = runName(run, props.allIds.indexOf(run.id));
            const { last, bestValAcc } = finalMetrics(run);
            const trained = run.source !== 'import';
            const isOpen = open.has(run.id);
            const detailsId = `${domId}-${run.id}`;
            return (
              <Fragment key={run.id}>
                <tr className={run.id === props.activeId ? 'is-active' : undefined} data-testid="run-row" data-run-id={run.id}>
                  <td>
                    <label className="runs-swatch-label">
                      <input type="checkbox" checked={props.shown.has(run.id)} disabled={!run.epochs.length} onChange={() => actions.toggle(run.id)} aria-label={fmt(t.showRun, { name })} />
                      <span className="runs-swatch" style={{ background: props.colors[run.id] }} aria-hidden="true" />
                    </label>
                  </td>
                  <td>
                    <input type="radio" name="runs-active" checked={run.id === props.activeId} onChange={() => actions.activate(run.id)} aria-label={fmt(t.activeRun, { name })} data-testid="run-activate" />
                  </td>
                  <th scope="row" className="runs-name-cell">
                    <span className="runs-name" data-testid="run-name">
                      {name}
                    </span>
                    {run.source === 'import' || run.source === 'saved' ? <span className="runs-tag">{run.source === 'import' ? t.imported : t.saved}</span> : null}
                    {run.interrupted ? <span className="runs-tag is-warn">{t.interrupted}</span> : null}
                  </th>
                  <td data-status={run.status}>
                    {t[run.status]}
                    {run.divergence ? (
                      <span className="runs-tag is-warn" data-testid="run-diverged">
                        {t.diverged}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{trained ? `${run.epochs.length}/${run.config.epochs}` : '–'}</td>
                  <td className="num strong" data-testid="run-val-acc">
                    {pct(last?.valAcc)}
                  </td>
                  <td className="num">{pct(bestValAcc)}</td>
                  <td className="num" title={run.test ? `${run.test.count.toLocaleString('en-US')}` : t.testHint} data-testid="run-test-acc">
                    {pct(run.test?.acc)}
                  </td>
                  <td className="num">{run.elapsedMs ? clock(run.elapsedMs) : '–'}</td>
                  <td>
                    <button
                      type="button"
                      className="runs-mini runs-toggle"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? detailsId : undefined}
                      aria-label={fmt(isOpen ? t.hideDetails : t.showDetails, { name })}
                      onClick={() => toggle(run.id)}
                      data-testid="run-details-toggle"
                    >
                      {t.details} <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
                    </button>
                  </td>
                </tr>
                {isOpen ? (
                  <tr className={run.id === props.activeId ? 'runs-details-row is-active' : 'runs-details-row'}>
                    <td colSpan={cols.length}>
                      <RunDetails run={run} name={name} actions={actions} busy={props.busy} id={detailsId} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
