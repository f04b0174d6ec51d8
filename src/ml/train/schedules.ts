import type { LrSchedule } from './types';

/**
 * Learning rate at a global step (0-based). Pure, so the UI can plot a schedule before
 * training and the trainer can set the optimizer's rate before every step.
 *
 * - constant:    baseLr
 * - step:        baseLr · gamma^floor(epoch / stepSize)
 * - exponential: baseLr · gamma^(step / stepsPerEpoch)   (gamma per epoch, smooth in steps)
 * - cosine:      minLr + (baseLr − minLr) · ½(1 + cos(π · step / totalSteps))
 * - cyclical:    triangle between minLr and baseLr; it rises for `stepSize` epochs, then falls
 *                for `stepSize` epochs (Smith 2017), starting at minLr.
 */
export function lrAt(
  schedule: LrSchedule,
  baseLr: number,
  step: number,
  stepsPerEpoch: number,
  totalSteps: number,
): number {
  const spe = Math.max(1, stepsPerEpoch);
  switch (schedule.type) {
    case 'constant':
      return baseLr;
    case 'step': {
      const epoch = Math.floor(step / spe);
      return baseLr * Math.pow(schedule.gamma, Math.floor(epoch / Math.max(1, schedule.stepSize)));
    }
    case 'exponential':
      return baseLr * Math.pow(schedule.gamma, step / spe);
    case 'cosine': {
      const t = Math.min(1, step / Math.max(1, totalSteps));
      return schedule.minLr + (baseLr - schedule.minLr) * 0.5 * (1 + Math.cos(Math.PI * t));
    }
    case 'cyclical': {
      const half = Math.max(1, schedule.stepSize * spe);
      const cycle = Math.floor(1 + step / (2 * half));
      const x = Math.abs(step / half - 2 * cycle + 1);
      return schedule.minLr + (baseLr - schedule.minLr) * Math.max(0, 1 - x);
    }
    default:
      return baseLr;
  }
}

/** Learning rates for steps 0..totalSteps-1 (or every `every`-th step), for plotting. */
export function lrCurve(
  schedule: LrSchedule,
  baseLr: number,
  stepsPerEpoch: number,
  totalSteps: number,
  every = 1,
): { step: number; lr: number }[] {
  const out: { step: number; lr: number }[] = [];
  for (let s = 0; s < totalSteps; s += Math.max(1, every)) {
    out.push({ step: s, lr: lrAt(schedule, baseLr, s, stepsPerEpoch, totalSteps) });
  }
  return out;
}
