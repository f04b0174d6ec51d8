import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, activate, centralDiff, derivative, entropy, sigmoid, softmax } from './activations';

describe('activation functions', () => {
  it('match the chapter’s numbers', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(5)).toBeCloseTo(0.9933, 4);
    expect(derivative('sigmoid', 5)).toBeCloseTo(0.0066, 4);
    expect(derivative('sigmoid', 0)).toBe(0.25);
    expect(derivative('tanh', 0)).toBe(1);
    expect(activate('relu', -1)).toBe(0);
    expect(activate('relu', 1.5)).toBe(1.5);
    expect(activate('leaky-relu', -2, 0.1)).toBeCloseTo(-0.2, 12);
    expect(activate('elu', -50, 1)).toBeCloseTo(-1, 12); // levels off at −α
    expect(activate('elu', -50, 2)).toBeCloseTo(-2, 12);
  });

  it('sigmoid does not overflow for huge |x|', () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(Number.isNaN(sigmoid(-800))).toBe(false);
  });

  it('tanh is a rescaled sigmoid: tanh(x) = 2σ(2x) − 1', () => {
    for (const x of [-3, -0.7, 0, 0.4, 2.5]) expect(activate('tanh', x)).toBeCloseTo(2 * sigmoid(2 * x) - 1, 12);
  });

  it('every derivative agrees with a central difference away from the kink', () => {
    const xs = [-4, -2.3, -0.9, -0.2, 0.3, 1.1, 3.7];
    for (const name of ACTIVATION_NAMES) {
      for (const alpha of [0.01, 0.3, 1.7]) {
        for (const x of xs) {
          const numeric = centralDiff((v) => activate(name, v, alpha), x);
          expect(Math.abs(derivative(name, x, alpha) - numeric), `${name} α=${alpha} x=${x}`).toBeLessThan(1e-7);
        }
      }
    }
  });

  it('uses the framework conventions at x = 0', () => {
    expect(derivative('relu', 0)).toBe(0);
    expect(derivative('leaky-relu', 0, 0.05)).toBe(0.05);
    expect(derivative('elu', 0, 1.5)).toBe(1.5);
  });

  it('ELU’s derivative on the negative side is ELU(x) + α', () => {
    for (const x of [-3, -1, -0.1]) expect(derivative('elu', x, 0.8)).toBeCloseTo(activate('elu', x, 0.8) + 0.8, 12);
  });
});

describe('softmax with temperature', () => {
  const z = [2, 1, 0.1];
  it('reproduces the chapter’s temperature table for z = (2, 1, 0.1)', () => {
    const table: [number, number[]][] = [
      [0.5, [0.864, 0.117, 0.019]],
      [1, [0.659, 0.242, 0.099]],
      [2, [0.502, 0.304, 0.194]],
      [5, [0.4, 0.327, 0.273]],
    ];
    for (const [T, expected] of table) softmax(z, T).forEach((p, i) => expect(p, `T=${T} i=${i}`).toBeCloseTo(expected[i], 3));
  });

  it('is stable for large logits (no NaN) and shift invariant', () => {
    const p = softmax([1000, 1001, 1002]);
    expect(p[0]).toBeCloseTo(0.09, 3);
    expect(p[1]).toBeCloseTo(0.245, 3);
    expect(p[2]).toBeCloseTo(0.665, 3);
    softmax([-2, -1, 0]).forEach((v, i) => expect(v).toBeCloseTo(p[i], 12));
  });

  it('sums to 1, tends to one-hot as T → 0 and uniform as T → ∞', () => {
    expect(softmax(z, 0.7).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const cold = softmax(z, 0.01);
    expect(cold[0]).toBeGreaterThan(0.999999);
    const hot = softmax(z, 1e4);
    for (const p of hot) expect(p).toBeCloseTo(1 / 3, 3);
    expect(entropy(hot)).toBeCloseTo(Math.log(3), 4);
    expect(entropy([1, 0, 0])).toBe(0);
  });

  it('reduces to the sigmoid for two classes: softmax((z, 0))₁ = σ(z)', () => {
    for (const v of [-3, 0.5, 4]) expect(softmax([v, 0])[0]).toBeCloseTo(sigmoid(v), 12);
  });

  it('rejects a non-positive temperature', () => {
    expect(() => softmax(z, 0)).toThrow(RangeError);
  });
});
