import { describe, expect, it } from 'vitest';
import { sigmoid } from './activations';
import { CHAPTER_EXAMPLE, addVec, cloneParams, forward, matMul, matVec, randomParams, shape } from './mlp';

describe('MLP forward pass', () => {
  it('reproduces the chapter’s worked example (z = (−1, 1.5), a = (0, 1.5), z⁽²⁾ = 1, ŷ = σ(1) ≈ 0.731)', () => {
    const t = forward(CHAPTER_EXAMPLE.params, CHAPTER_EXAMPLE.x, 'relu');
    expect(t.z1.slice(0, 2)).toEqual([-1, 1.5]);
    expect(t.a1.slice(0, 2)).toEqual([0, 1.5]);
    expect(t.z2[0]).toBe(1);
    expect(t.yhat[0]).toBeCloseTo(sigmoid(1), 12);
    expect(t.yhat[0]).toBeCloseTo(0.731, 3);
    expect(t.yhat[0] + t.yhat[1]).toBeCloseTo(1, 12);
  });

  it('computes each hidden unit as Σ w·x + b then f(z), for sigmoid and tanh too', () => {
    const p = cloneParams(CHAPTER_EXAMPLE.params);
    const x = [0.3, -0.8];
    for (const act of ['sigmoid', 'tanh'] as const) {
      const t = forward(p, x, act);
      for (let i = 0; i < 3; i++) {
        const z = p.W1[i][0] * x[0] + p.W1[i][1] * x[1] + p.b1[i];
        expect(t.z1[i]).toBeCloseTo(z, 12);
        expect(t.a1[i]).toBeCloseTo(act === 'tanh' ? Math.tanh(z) : sigmoid(z), 12);
      }
    }
  });

  it('with a linear activation, two layers collapse to one: W₂W₁x + (W₂b₁ + b₂)', () => {
    const p = cloneParams(CHAPTER_EXAMPLE.params);
    p.W2 = [[0.4, -1.1, 2], [1.3, 0.2, -0.6]];
    p.b2 = [0.1, -0.3];
    const x = [0.7, -1.4];
    const t = forward(p, x, 'linear');
    const collapsed = addVec(matVec(matMul(p.W2, p.W1), x), addVec(matVec(p.W2, p.b1), p.b2));
    t.z2.forEach((v, i) => expect(v).toBeCloseTo(collapsed[i], 12));
  });

  it('checks shapes', () => {
    expect(shape(CHAPTER_EXAMPLE.params.W1)).toEqual([3, 2]);
    expect(shape(CHAPTER_EXAMPLE.params.W2)).toEqual([2, 3]);
    expect(() => matVec([[1, 2]], [1, 2, 3])).toThrow(RangeError);
    expect(() => shape([[1, 2], [3]])).toThrow(RangeError);
    expect(() => matMul([[1, 2]], [[1, 2]])).toThrow(RangeError);
  });

  it('clones deeply so editing a copy leaves the example alone', () => {
    const c = cloneParams(CHAPTER_EXAMPLE.params);
    c.W1[0][0] = 99;
    expect(CHAPTER_EXAMPLE.params.W1[0][0]).toBe(0.5);
  });

  it('random weights are reproducible, in [−2, 2], one decimal, with the 2-3-2 shapes', () => {
    const a = randomParams(5);
    expect(randomParams(5)).toEqual(a);
    expect(randomParams(6)).not.toEqual(a);
    expect(shape(a.W1)).toEqual([3, 2]);
    expect(shape(a.W2)).toEqual([2, 3]);
    const all = [...a.W1.flat(), ...a.b1, ...a.W2.flat(), ...a.b2];
    expect(all).toHaveLength(17);
    for (const w of all) {
      expect(Math.abs(w)).toBeLessThanOrEqual(2);
      expect(Math.round(w * 10) / 10).toBe(w);
    }
  });
});
