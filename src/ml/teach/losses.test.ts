import { describe, expect, it } from 'vitest';
import { softmax } from './activations';
import {
  bce,
  bceFromLogit,
  bceGrad,
  bceSigmoidGradLogit,
  cce,
  cceFromLogits,
  cceGradLogits,
  cceGradProbs,
  maxAbsDiff,
  mse,
  mseBatch,
  mseGrad,
  mseSigmoidGradLogit,
  numericGradient,
} from './losses';
import { centralDiff, sigmoid } from './activations';

describe('mean squared error', () => {
  it('reproduces the chapter’s worked example', () => {
    const { loss, grad } = mseBatch([2.5, 0.0, 2.1], [3.0, -0.5, 2.0]);
    expect(loss).toBeCloseTo(0.17, 12);
    expect(grad[0]).toBeCloseTo(-0.3333, 4);
    expect(grad[1]).toBeCloseTo(0.3333, 4);
    expect(grad[2]).toBeCloseTo(0.0667, 4);
  });
  it('has gradient 2(ŷ − y), checked numerically', () => {
    for (const [p, y] of [[0.3, 1], [-1.2, 0.5], [2, 2]]) expect(mseGrad(p, y)).toBeCloseTo(centralDiff((v) => mse(v, y), p), 7);
  });
});

describe('binary cross-entropy', () => {
  it('reproduces the chapter’s table for y = 1 and the quiz for y = 0', () => {
    expect(bce(0.9, 1)).toBeCloseTo(0.105, 3);
    expect(bce(0.5, 1)).toBeCloseTo(0.693, 3);
    expect(bce(0.1, 1)).toBeCloseTo(2.303, 3);
    expect(bce(0.9, 0)).toBeCloseTo(2.303, 3);
  });
  it('clips so log 0 never happens: −log(1e−7) ≈ 16.1', () => {
    expect(bce(0, 1)).toBeCloseTo(16.118, 3);
    expect(Number.isFinite(bceGrad(1, 0))).toBe(true);
  });
  it('has gradient (ŷ − y)/(ŷ(1 − ŷ)), checked numerically (soft labels too)', () => {
    for (const [p, y] of [[0.2, 1], [0.7, 0], [0.45, 0.3], [0.99, 1]]) {
      expect(bceGrad(p, y)).toBeCloseTo(centralDiff((v) => bce(v, y), p, 1e-6), 5);
    }
  });
  it('from the logit equals BCE of σ(z), and stays exact where σ saturates', () => {
    for (const z of [-4, -0.3, 0, 2.2]) expect(bceFromLogit(z, 1)).toBeCloseTo(bce(sigmoid(z), 1), 9);
    expect(bceFromLogit(-200, 1)).toBeCloseTo(200, 9);
  });
});

describe('categorical cross-entropy with softmax', () => {
  it('reproduces the chapter: z = (2, 1, 0.1), class 1 → loss 0.417, gradient (−0.341, 0.242, 0.099)', () => {
    const z = [2, 1, 0.1];
    expect(cceFromLogits(z, 0)).toBeCloseTo(0.417, 3);
    const g = cceGradLogits(z, 0);
    [-0.341, 0.242, 0.099].forEach((v, i) => expect(g[i]).toBeCloseTo(v, 3));
    expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
  });
  it('reproduces quiz 3: z = (1, 0, −1), class 2 → (0.665, −0.755, 0.090)', () => {
    const g = cceGradLogits([1, 0, -1], 1);
    [0.665, -0.755, 0.09].forEach((v, i) => expect(g[i]).toBeCloseTo(v, 3));
  });
  it('gradient ŷ − y matches central differences of the loss', () => {
    for (const [z, c] of [[[0.3, -1.2, 2.5], 2], [[4, 4, -4], 0], [[-2, 0.1, 0.7, 1.5], 1]] as [number[], number][]) {
      const numeric = numericGradient((v) => cceFromLogits(v, c), z);
      expect(maxAbsDiff(cceGradLogits(z, c), numeric)).toBeLessThan(1e-8);
    }
  });
  it('chains −y/ŷ through the softmax Jacobian to ŷ − y', () => {
    const z = [0.5, -1, 1.3];
    const c = 2;
    const p = softmax(z);
    const dLdp = cceGradProbs(p, c);
    const chained = z.map((_, j) => p.reduce((s, pk, k) => s + dLdp[k] * pk * ((k === j ? 1 : 0) - p[j]), 0));
    expect(maxAbsDiff(chained, cceGradLogits(z, c))).toBeLessThan(1e-12);
    expect(cce(p, c)).toBeCloseTo(cceFromLogits(z, c), 12);
  });
  it('is exact from logits (0, 200) where the probability route gives ∞ or 16.1', () => {
    expect(cceFromLogits([0, 200], 0)).toBe(200);
    expect(cce(softmax([0, 200]), 0)).toBeCloseTo(16.118, 3);
  });
  it('double softmax: (0.7, 0.2, 0.1) → (0.464, 0.281, 0.255), loss 0.768, floor 0.551', () => {
    const twice = softmax([0.7, 0.2, 0.1]);
    [0.464, 0.281, 0.255].forEach((v, i) => expect(twice[i]).toBeCloseTo(v, 3));
    expect(cceFromLogits([0.7, 0.2, 0.1], 0)).toBeCloseTo(0.768, 3);
    expect(cceFromLogits([1, 0, 0], 0)).toBeCloseTo(0.551, 3);
  });
  it('rejects an out-of-range class', () => {
    expect(() => cceFromLogits([1, 2], 2)).toThrow(RangeError);
  });
});

describe('why sigmoid + MSE learns slowly when confidently wrong', () => {
  it('at z = −5, y = 1: MSE gradient ≈ −0.0132, BCE gradient ≈ −0.9933, about 75× apart', () => {
    const m = mseSigmoidGradLogit(-5, 1);
    const b = bceSigmoidGradLogit(-5, 1);
    expect(m).toBeCloseTo(-0.0132, 4);
    expect(b).toBeCloseTo(-0.9933, 4);
    expect(b / m).toBeGreaterThan(74);
    expect(b / m).toBeLessThan(76);
  });
  it('both logit gradients agree with central differences', () => {
    for (const z of [-6, -1, 0.4, 3]) {
      expect(mseSigmoidGradLogit(z, 1)).toBeCloseTo(centralDiff((v) => mse(sigmoid(v), 1), z), 8);
      expect(bceSigmoidGradLogit(z, 0)).toBeCloseTo(centralDiff((v) => bceFromLogit(v, 0), z), 8);
    }
  });
});
