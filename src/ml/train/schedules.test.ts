import { describe, expect, it } from 'vitest';
import { lrAt, lrCurve } from './schedules';

const spe = 10; // steps per epoch
const total = 100;

describe('lrAt', () => {
  it('constant', () => {
    expect([0, 50, 99].map((s) => lrAt({ type: 'constant' }, 0.1, s, spe, total))).toEqual([0.1, 0.1, 0.1]);
  });

  it('step: gamma every stepSize epochs', () => {
    const s = { type: 'step', stepSize: 2, gamma: 0.5 } as const;
    expect(lrAt(s, 0.1, 0, spe, total)).toBeCloseTo(0.1);
    expect(lrAt(s, 0.1, 19, spe, total)).toBeCloseTo(0.1); // still epoch 1
    expect(lrAt(s, 0.1, 20, spe, total)).toBeCloseTo(0.05); // epoch 2
    expect(lrAt(s, 0.1, 45, spe, total)).toBeCloseTo(0.025); // epoch 4
  });

  it('exponential: gamma per epoch, smooth in steps', () => {
    const s = { type: 'exponential', gamma: 0.5 } as const;
    expect(lrAt(s, 0.1, 0, spe, total)).toBeCloseTo(0.1);
    expect(lrAt(s, 0.1, 5, spe, total)).toBeCloseTo(0.1 * Math.SQRT1_2);
    expect(lrAt(s, 0.1, 10, spe, total)).toBeCloseTo(0.05);
    expect(lrAt(s, 0.1, 30, spe, total)).toBeCloseTo(0.0125);
  });

  it('cosine: from lr to minLr over the run', () => {
    const s = { type: 'cosine', minLr: 0.01 } as const;
    expect(lrAt(s, 0.1, 0, spe, total)).toBeCloseTo(0.1);
    expect(lrAt(s, 0.1, 50, spe, total)).toBeCloseTo(0.055);
    expect(lrAt(s, 0.1, 25, spe, total)).toBeCloseTo(0.01 + 0.09 * 0.5 * (1 + Math.SQRT1_2));
    expect(lrAt(s, 0.1, 100, spe, total)).toBeCloseTo(0.01);
    expect(lrAt(s, 0.1, 150, spe, total)).toBeCloseTo(0.01); // clamped past the end
  });

  it('cyclical: triangle between minLr and lr, half-cycle stepSize epochs', () => {
    const s = { type: 'cyclical', minLr: 0.01, stepSize: 1 } as const;
    const at = (step: number) => lrAt(s, 0.1, step, spe, total);
    expect(at(0)).toBeCloseTo(0.01);
    expect(at(5)).toBeCloseTo(0.055);
    expect(at(10)).toBeCloseTo(0.1);
    expect(at(15)).toBeCloseTo(0.055);
    expect(at(20)).toBeCloseTo(0.01);
    expect(at(30)).toBeCloseTo(0.1);
  });

  it('lrCurve samples the schedule', () => {
    const c = lrCurve({ type: 'step', stepSize: 1, gamma: 0.1 }, 1, 10, 30, 10);
    expect(c.map((p) => p.step)).toEqual([0, 10, 20]);
    expect(c[2].lr).toBeCloseTo(0.01);
  });
});
