import { OPTIMIZERS, type TrainConfig } from './types';

const isPosInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isFinitePos = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Checks a TrainConfig coming from the UI; returns readable problems (empty when valid). */
export function validateConfig(c: TrainConfig): string[] {
  const errs: string[] = [];
  if (!c || typeof c !== 'object') return ['config is missing'];
  if (!isPosInt(c.epochs) || c.epochs > 1000) errs.push('epochs must be an integer in 1..1000');
  if (!isPosInt(c.batchSize) || c.batchSize > 8192) errs.push('batchSize must be an integer in 1..8192');
  if (!isFinitePos(c.learningRate) || c.learningRate > 10) errs.push('learningRate must be in (0, 10]');
  if (!OPTIMIZERS.includes(c.optimizer)) errs.push(`optimizer must be one of ${OPTIMIZERS.join(', ')}`);
  if (!(c.validationSplit >= 0 && c.validationSplit < 1)) errs.push('validationSplit must be in [0, 1)');
  if (!Number.isFinite(c.seed)) errs.push('seed must be a number');
  if (c.subset !== undefined && !isPosInt(c.subset)) errs.push('subset must be a positive integer');
  if (c.earlyStopping) {
    if (!isPosInt(c.earlyStopping.patience)) errs.push('earlyStopping.patience must be a positive integer');
    if (!(c.earlyStopping.minDelta >= 0)) errs.push('earlyStopping.minDelta must be ≥ 0');
  }
  const s = c.schedule;
  if (!s || typeof s !== 'object') errs.push('schedule is missing');
  else if (s.type === 'step') {
    if (!isPosInt(s.stepSize) || !isFinitePos(s.gamma)) errs.push('step schedule needs stepSize ≥ 1 and gamma > 0');
  } else if (s.type === 'exponential') {
    if (!isFinitePos(s.gamma)) errs.push('exponential schedule needs gamma > 0');
  } else if (s.type === 'cosine') {
    if (!(s.minLr >= 0)) errs.push('cosine schedule needs minLr ≥ 0');
  } else if (s.type === 'cyclical') {
    if (!(s.minLr >= 0) || !isFinitePos(s.stepSize)) errs.push('cyclical schedule needs minLr ≥ 0 and stepSize > 0');
  } else if (s.type !== 'constant') errs.push(`unknown schedule ${String((s as { type: unknown }).type)}`);
  return errs;
}
