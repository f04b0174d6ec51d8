/**
 * From the trainer's settings to a TrainConfig, with the checks that span several fields,
 * and the helpers for continuing a run and drawing its whole history.
 */
import { validateConfig } from '../../ml/train/config';
import { OPTIMIZERS, type EpochMetrics, type LrSchedule, type OptimizerName, type TrainConfig } from '../../ml/train/types';
import type { Run } from '../../state/slices/runs';
import type { Values } from '../settings';
import type { TRAINER_SETTINGS } from './settings';

export interface ConfigProblem {
  key: string;
  zh: string;
  en: string;
}

export const ALL_IMAGES = 60000;

export function scheduleOf(v: Values<typeof TRAINER_SETTINGS>): LrSchedule {
  switch (v.schedule) {
    case 'step':
      return { type: 'step', stepSize: v.stepSize, gamma: v.gamma };
    case 'exponential':
      return { type: 'exponential', gamma: v.gamma };
    case 'cosine':
      return { type: 'cosine', minLr: v.minLr };
    case 'cyclical':
      return { type: 'cyclical', minLr: v.minLr, stepSize: v.stepSize };
    default:
      return { type: 'constant' };
  }
}

/** The TrainConfig the settings describe, and what is wrong with them (empty when they can train). */
export function buildConfig(v: Values<typeof TRAINER_SETTINGS>): { config: TrainConfig; problems: ConfigProblem[] } {
  const config: TrainConfig = {
    epochs: v.epochs,
    batchSize: v.batchSize,
    learningRate: v.lr,
    optimizer: (OPTIMIZERS as readonly string[]).includes(v.optimizer) ? (v.optimizer as OptimizerName) : 'adam',
    schedule: scheduleOf(v),
    validationSplit: v.validationSplit,
    seed: v.seed,
    ...(v.subset < ALL_IMAGES ? { subset: v.subset } : {}),
    ...(v.earlyStopping ? { earlyStopping: { patience: v.patience, minDelta: v.minDelta } } : {}),
  };
  const problems: ConfigProblem[] = [];
  if ((v.schedule === 'cosine' || v.schedule === 'cyclical') && v.minLr >= v.lr) {
    problems.push({ key: 'minLr', zh: `最小学习率（${v.minLr}）必须小于学习率（${v.lr}）`, en: `The minimum learning rate (${v.minLr}) must be below the learning rate (${v.lr})` });
  }
  if (v.earlyStopping && v.validationSplit === 0) {
    problems.push({ key: 'earlyStopping', zh: '提前停止要看验证损失：请把验证集比例设为大于 0', en: 'Early stopping watches the validation loss: set a validation split above 0' });
  }
  const trainImages = Math.floor(Math.min(v.subset, ALL_IMAGES) * (1 - v.validationSplit));
  if (trainImages < v.batchSize) {
    problems.push({
      key: 'batchSize',
      zh: `批大小（${v.batchSize}）大于训练图像数（${trainImages}）`,
      en: `The batch size (${v.batchSize}) is larger than the number of training images (${trainImages})`,
    });
  }
  for (const p of validateConfig(config)) problems.push({ key: 'config', zh: `训练参数无效：${p}`, en: `Invalid training settings: ${p}` });
  return { config, problems };
}

/**
 * The config for continuing `run` from its saved weights: the epochs it had left, or
 * `fallbackEpochs` when it had finished them all. Everything else (split, seed) is kept,
 * so validation images stay out of training.
 */
export function continueConfig(run: Run, fallbackEpochs: number): TrainConfig {
  const done = run.checkpoint?.epochs ?? run.epochs.length;
  const left = run.config.epochs - done;
  return { ...run.config, epochs: left >= 1 ? left : fallbackEpochs };
}

/**
 * A run's epochs preceded by those of the runs it continues (as far as their weights went),
 * numbered from 0 across the whole chain.
 */
export function epochHistory(run: Run, runs: Record<string, Run>): EpochMetrics[] {
  const chain: { run: Run; upTo: number }[] = [{ run, upTo: run.epochs.length }];
  const seen = new Set([run.id]);
  let cur = run;
  while (cur.parentId && runs[cur.parentId] && !seen.has(cur.parentId) && chain.length < 50) {
    const parent = runs[cur.parentId];
    seen.add(parent.id);
    chain.unshift({ run: parent, upTo: Math.min(parent.epochs.length, cur.source === 'continue' ? (parent.checkpoint?.epochs ?? parent.epochs.length) : 0) });
    cur = parent;
  }
  const out: EpochMetrics[] = [];
  for (const { run: r, upTo } of chain) for (const e of r.epochs.slice(0, upTo)) out.push({ ...e, epoch: out.length });
  return out;
}
