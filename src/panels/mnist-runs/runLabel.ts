/** Names and one-line summaries of training runs, shared by the trainer and the runs table. */
import type { EpochMetrics, LrSchedule, TrainConfig } from '../../ml/train/types';
import type { Run } from '../../state/slices/runs';
import { paramsOf, presetOf } from '../mnist-architecture/archInfo';
import type { ModelSpec } from '../../ml/model/spec';

/** A language-neutral default name: "#3 seed · adam 0.001". */
export function newRunName(n: number, spec: ModelSpec, config: TrainConfig): string {
  return `#${n} ${presetOf(spec)} · ${config.optimizer} ${config.learningRate}`;
}

export function runName(run: Run, index: number): string {
  return run.name ?? `#${index + 1} ${presetOf(run.spec)}`;
}

export function scheduleText(s: LrSchedule): string {
  switch (s.type) {
    case 'step':
      return `step ×${s.gamma}/${s.stepSize}`;
    case 'exponential':
      return `exp ×${s.gamma}`;
    case 'cosine':
      return `cosine → ${s.minLr}`;
    case 'cyclical':
      return `cyclic ${s.minLr}↔ /${s.stepSize}`;
    default:
      return 'constant';
  }
}

/** The last epoch's metrics, and the best validation accuracy over the run. */
export function finalMetrics(run: Run): { last: EpochMetrics | null; bestValAcc: number | null } {
  const last = run.epochs[run.epochs.length - 1] ?? null;
  const accs = run.epochs.map((e) => e.valAcc).filter((v): v is number => v !== null);
  return { last, bestValAcc: accs.length ? Math.max(...accs) : null };
}

export const archText = (spec: ModelSpec) => `${presetOf(spec)} · ${paramsOf(spec).toLocaleString('en-US')}`;
