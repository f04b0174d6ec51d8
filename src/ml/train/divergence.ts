/**
 * Has training gone wrong? A pure check on a run's epoch metrics, so the reader hears about a
 * run that "finished" with a loss of 14 and 11% accuracy instead of reading "done".
 * Numbers only: the panel turns the code into words in the reader's language.
 */
import type { EpochMetrics, OptimizerName } from './types';

export type DivergenceCode = 'nan' | 'exploded' | 'chance';

export interface Divergence {
  code: DivergenceCode;
  /** 0-based epoch at which it was seen. */
  epoch: number;
  /** The loss the run started from (its first batch), null when unknown. */
  startLoss: number | null;
  /** The epoch's mean training loss (NaN/Infinity with 'nan'). */
  loss: number;
  /** The accuracy judged: validation when there is a validation set, else training. */
  acc: number;
  /** Accuracy of guessing: 1 / classes. */
  chance: number;
}

export interface DivergenceInput {
  /** Loss of the run's first batch, measured before any update ("where it started"). */
  startLoss: number | null;
  epochs: readonly EpochMetrics[];
  /** Optimizer steps taken so far: too few, and low accuracy says nothing yet. */
  steps: number;
  classes?: number;
}

/** Loss "far above where it started": three times the start and at least 2 nats more. */
export const EXPLODE_FACTOR = 3;
export const EXPLODE_MARGIN = 2;
/** Accuracy within this of chance counts as guessing. */
export const CHANCE_MARGIN = 0.05;
/** Steps needed before accuracy at chance means something (a few hundred images learnt from). */
export const MIN_STEPS_FOR_CHANCE = 30;

/**
 * Looks at the latest epoch; null when it looks healthy. Order of severity: a non-finite loss,
 * then a loss far above where it started, then accuracy no better than guessing.
 */
export function detectDivergence(input: DivergenceInput): Divergence | null {
  const last = input.epochs[input.epochs.length - 1];
  if (!last) return null;
  const chance = 1 / (input.classes ?? 10);
  const start = input.startLoss != null && Number.isFinite(input.startLoss) ? input.startLoss : null;
  const acc = last.valAcc ?? last.acc;
  const base = { epoch: last.epoch, startLoss: start, loss: last.loss, acc, chance };
  const losses = [last.loss, last.valLoss].filter((v): v is number => v !== null);
  if (losses.some((v) => !Number.isFinite(v))) return { code: 'nan', ...base };
  if (start !== null && last.loss > Math.max(start * EXPLODE_FACTOR, start + EXPLODE_MARGIN)) return { code: 'exploded', ...base };
  if (input.steps >= MIN_STEPS_FOR_CHANCE && Number.isFinite(acc) && acc <= chance + CHANCE_MARGIN) return { code: 'chance', ...base };
  return null;
}

/**
 * A learning rate each optimizer trains the seed CNN well with (chapter 4's advice); the
 * divergence notice suggests it when the run's rate is above it, else a tenth of the rate.
 */
export const SAFE_LR: Record<OptimizerName, number> = {
  sgd: 0.05,
  momentum: 0.01,
  adagrad: 0.01,
  rmsprop: 0.001,
  adam: 0.001,
};

export function suggestedLr(optimizer: OptimizerName, lr: number): { lr: number; tooHigh: boolean } {
  const safe = SAFE_LR[optimizer] ?? 0.001;
  if (lr > safe) return { lr: safe, tooHigh: true };
  return { lr: Number((lr / 10).toPrecision(2)), tooHigh: false };
}
