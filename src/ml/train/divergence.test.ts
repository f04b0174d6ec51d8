import { describe, expect, it } from 'vitest';
import { detectDivergence, MIN_STEPS_FOR_CHANCE, suggestedLr } from './divergence';
import type { EpochMetrics } from './types';

const ep = (loss: number, valAcc: number | null, patch: Partial<EpochMetrics> = {}): EpochMetrics => ({
  epoch: 0, loss, acc: valAcc ?? 0.5, valLoss: valAcc === null ? null : loss, valAcc, seconds: 1, imagesPerSec: 100, ...patch,
});

describe('detectDivergence', () => {
  it('says nothing before the first epoch or for a healthy run', () => {
    expect(detectDivergence({ startLoss: 2.3, epochs: [], steps: 5 })).toBeNull();
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(0.35, 0.95)], steps: 140 })).toBeNull();
    // A continued run starts low; a small rise is not an explosion.
    expect(detectDivergence({ startLoss: 0.05, epochs: [ep(0.12, 0.97)], steps: 800 })).toBeNull();
  });

  it('flags a NaN or infinite training or validation loss as nan', () => {
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(NaN, 0.1)], steps: 50 })?.code).toBe('nan');
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(0.5, 0.9, { valLoss: Infinity })], steps: 50 })?.code).toBe('nan');
  });

  it('flags a loss far above where it started (lr 1 with Adam: 2.3 → 13)', () => {
    const d = detectDivergence({ startLoss: 2.31, epochs: [ep(13.2, 0.11, { epoch: 3 })], steps: 7 });
    expect(d).toEqual({ code: 'exploded', epoch: 3, startLoss: 2.31, loss: 13.2, acc: 0.11, chance: 0.1 });
    // Just under both thresholds (3× and +2): not yet.
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(4.2, 0.5)], steps: 7 })).toBeNull();
    expect(detectDivergence({ startLoss: 0.05, epochs: [ep(2.0, 0.5)], steps: 7 })).toBeNull();
    expect(detectDivergence({ startLoss: 0.05, epochs: [ep(2.1, 0.5)], steps: 7 })?.code).toBe('exploded');
  });

  it('flags accuracy at chance after enough steps, on validation when there is one', () => {
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(2.3, 0.11)], steps: MIN_STEPS_FOR_CHANCE })?.code).toBe('chance');
    // Too few steps to judge.
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(2.3, 0.11)], steps: MIN_STEPS_FOR_CHANCE - 1 })).toBeNull();
    // Without a validation set, training accuracy is judged.
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(2.3, null, { acc: 0.09 })], steps: 100 })?.acc).toBe(0.09);
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(2.3, 0.2)], steps: 100 })).toBeNull();
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(0.7, 0.55)], steps: 100, classes: 2 })?.code).toBe('chance');
  });

  it('judges only the latest epoch, so a run that recovers clears the warning', () => {
    expect(detectDivergence({ startLoss: 2.3, epochs: [ep(9, 0.1), ep(0.4, 0.9, { epoch: 1 })], steps: 200 })).toBeNull();
  });

  it('without a start loss still catches NaN and chance', () => {
    expect(detectDivergence({ startLoss: null, epochs: [ep(50, 0.5)], steps: 100 })).toBeNull();
    expect(detectDivergence({ startLoss: NaN, epochs: [ep(50, 0.1)], steps: 100 })?.code).toBe('chance');
  });
});

describe('suggestedLr', () => {
  it('suggests the optimizer’s safe rate when above it, else a tenth', () => {
    expect(suggestedLr('adam', 1)).toEqual({ lr: 0.001, tooHigh: true });
    expect(suggestedLr('sgd', 0.5)).toEqual({ lr: 0.05, tooHigh: true });
    expect(suggestedLr('adam', 0.001)).toEqual({ lr: 0.0001, tooHigh: false });
  });
});
