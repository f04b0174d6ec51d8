import { useEffect, useState } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import type { Run } from '../../state/slices/runs';
import { clock } from '../mnist-trainer/TrainerStats';
import { archText, finalMetrics, runName, scheduleText } from './runLabel';

type Col = 'show' | 'active' | 'name' | 'status' | 'arch' | 'opt' | 'lr' | 'sched' | 'batch' | 'epochs' | 'images' | 'val' | 'seed' | 'loss' | 'valLoss' | 'valAcc' | 'best' | 'time' | 'backend' | 'actions';
const TEXT: TextTable<
  Col | 'caption' | 'rename' | 'save' | 'export' | 'delete' | 'confirm' | 'ok' | 'cancel' | 'showRun' | 'activeRun' | 'imported' | 'saved' | 'interrupted' | 'newName'
  | 'loading' | 'running' | 'paused' | 'done' | 'stopped' | 'early-stopped' | 'error'
> = {
  zh: {
    show: '画出', active: '当前模型', name: '名称', status: '状态', arch: '结构 · 参数', opt: '优化器', lr: '学习率', sched: '调度', batch: '批', epochs: '轮',
    images: '训练图像', val: '验证比例', seed: '种子', loss: '训练损失', valLoss: '验证损失', valAcc: '验证准确率', best: '最佳验证', time: '用时', backend: '后端',
    actions: '操作', caption: '所有训练运行的超参数与最终指标', rename: '改名', save: '存入浏览器', export: '导出', delete: '删除', confirm: '确认删除？', ok: '确定',
    cancel: '取消', showRun: '在图中画出 {name}', activeRun: '把 {name} 设为评估、查看内部和手写面板使用的模型', imported: '导入', saved: '已保存的模型',
    interrupted: '被打断', newName: '新名称', loading: '准备中', running: '训练中', paused: '已暂停', done: '完成', stopped: '已停止', 'early-stopped': '提前停止', error: '出错',
  },
  en: {
    show: 'Plot', active: 'Active', name: 'Name', status: 'Status', arch: 'Network · params', opt: 'Optimizer', lr: 'LR', sched: 'Schedule', batch: 'Batch',
    epochs: 'Epochs', images: 'Train images', val: 'Val split', seed: 'Seed', loss: 'Train loss', valLoss: 'Val loss', valAcc: 'Val acc', best: 'Best val',
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

function NameCell({ run, name, actions }: { run: Run; name: string; actions: RowActions }) {
  const t = useText(TEXT);
  const [editing, setEditing] = useState<string | null>(null);
  if (editing === null) {
    return (
      <>
        <span className="runs-name" data-testid="run-name">
          {name}
        </span>
        {run.source === 'import' || run.source === 'saved' ? <span className="runs-tag">{run.source === 'import' ? t.imported : t.saved}</span> : null}
        {run.interrupted ? <span className="runs-tag is-warn">{t.interrupted}</span> : null}
        <button type="button" className="runs-mini" onClick={() => setEditing(name)} data-testid="run-rename">
          {t.rename}
        </button>
      </>
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

/** The runs as a table: TensorBoard-like hyperparameters and final metrics, with per-run actions. */
export function RunsTable(props: { runs: Run[]; allIds: string[]; activeId: string | null; shown: Set<string>; colors: Record<string, string>; actions: RowActions; busy: string | null }) {
  const t = useText(TEXT);
  const { actions } = props;
  const cols: Col[] = ['show', 'active', 'name', 'actions', 'status', 'valAcc', 'best', 'valLoss', 'loss', 'arch', 'opt', 'lr', 'sched', 'batch', 'epochs', 'images', 'val', 'seed', 'time', 'backend'];
  return (
    <div className="runs-table-wrap">
      <table className="runs-table" data-testid="runs-table">
        <caption className="sr-only-runs">{t.caption}</caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {t[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.runs.map((run) => {
            const name = runName(run, props.allIds.indexOf(run.id));
            const { last, bestValAcc } = finalMetrics(run);
            const trained = run.source !== 'import';
            const c = run.config;
            const dash = (v: string | number) => (trained ? v : '–');
            const live = LIVE.has(run.status);
            return (
              <tr key={run.id} className={run.id === props.activeId ? 'is-active' : undefined} data-testid="run-row" data-run-id={run.id}>
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
                  <NameCell run={run} name={name} actions={actions} />
                </th>
                <td className="runs-actions">
                  <button type="button" className="runs-mini" disabled={props.busy !== null || !run.checkpoint} onClick={() => actions.save(run, name)} data-testid="run-save">
                    {t.save}
                  </button>
                  <button type="button" className="runs-mini" disabled={props.busy !== null || (!run.checkpoint && !live)} onClick={() => actions.exportRun(run, name)} data-testid="run-export">
                    {t.export}
                  </button>
                  <DeleteButton disabled={live} onDelete={() => actions.remove(run.id)} />
                </td>
                <td data-status={run.status}>{t[run.status]}</td>
                <td className="num strong" data-testid="run-val-acc">
                  {pct(last?.valAcc)}
                </td>
                <td className="num">{pct(bestValAcc)}</td>
                <td className="num">{last?.valLoss != null ? last.valLoss.toFixed(4) : '–'}</td>
                <td className="num">{last ? last.loss.toFixed(4) : '–'}</td>
                <td className="num">{archText(run.spec)}</td>
                <td>{dash(c.optimizer)}</td>
                <td className="num">{dash(c.learningRate)}</td>
                <td>{dash(scheduleText(c.schedule))}</td>
                <td className="num">{dash(c.batchSize)}</td>
                <td className="num">{trained ? `${run.epochs.length}/${c.epochs}` : '–'}</td>
                <td className="num">{trained ? (run.trainCount || c.subset || 60000).toLocaleString('en-US') : '–'}</td>
                <td className="num">{dash(c.validationSplit)}</td>
                <td className="num">{dash(c.seed)}</td>
                <td className="num">{run.elapsedMs ? clock(run.elapsedMs) : '–'}</td>
                <td>{run.backend ?? '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
