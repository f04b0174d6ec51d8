import { describe, expect, it } from 'vitest';
import {
  applyRule,
  boundarySegment,
  convexHull,
  countMisclassified,
  initialState,
  isLinearlySeparable,
  polygonArea,
  positiveRegion,
  presetPoints,
  trainStep,
  trainUntilConverged,
  type LabeledPoint,
} from './perceptron';

const AND = presetPoints('and');
const XOR = presetPoints('xor');

describe('perceptron learning rule', () => {
  it('reproduces the chapter’s first AND steps (η = 0.5, from zero)', () => {
    let s = initialState();
    const r1 = trainStep(s, AND, 'step', 0.5);
    expect(r1.update?.z).toBe(0);
    expect(r1.update?.yhat).toBe(1); // H(0) = 1
    expect(r1.update?.mistake).toBe(true);
    expect(r1.state.params).toEqual({ w1: 0, w2: 0, b: -0.5 });
    s = r1.state;
    for (let i = 0; i < 2; i++) {
      const r = trainStep(s, AND, 'step', 0.5);
      expect(r.update?.mistake).toBe(false);
      expect(r.state.params).toEqual(s.params);
      s = r.state;
    }
    const r4 = trainStep(s, AND, 'step', 0.5);
    expect(r4.state.params).toEqual({ w1: 0.5, w2: 0.5, b: 0 });
    expect(r4.state.epoch).toBe(1);
  });

  it('converges on AND in the sixth pass with w = (1, 0.5), b = −1.5, as the chapter says', () => {
    const s = trainUntilConverged(AND, 'step', 0.5, 100);
    expect(s.converged).toBe(true);
    expect(s.epoch).toBe(6);
    expect(s.params).toEqual({ w1: 1, w2: 0.5, b: -1.5 });
    expect(countMisclassified(s.params, AND)).toBe(0);
  });

  it('reproduces quiz 2: w = (1, −1), b = 0, η = 0.1, x = (1, 2), y = 1 → (1.1, −0.8), 0.1', () => {
    const u = applyRule({ w1: 1, w2: -1, b: 0 }, { x1: 1, x2: 2, label: 1 }, 'step', 0.1);
    expect(u.z).toBe(-1);
    expect(u.after.w1).toBeCloseTo(1.1, 12);
    expect(u.after.w2).toBeCloseTo(-0.8, 12);
    expect(u.after.b).toBeCloseTo(0.1, 12);
  });

  it('sign activation uses ±1 labels, so an update is twice as large', () => {
    const u = applyRule({ w1: 0, w2: 0, b: -1 }, { x1: 2, x2: 1, label: 1 }, 'sign', 0.5);
    expect(u.y).toBe(1);
    expect(u.yhat).toBe(-1);
    expect(u.after).toEqual({ w1: 2, w2: 1, b: 0 });
  });

  it('sigmoid always moves a little, in the direction of the error', () => {
    const u = applyRule({ w1: 0, w2: 0, b: 0 }, { x1: 1, x2: 0, label: 1 }, 'sigmoid', 1);
    expect(u.yhat).toBe(0.5);
    expect(u.after).toEqual({ w1: 0.5, w2: 0, b: 0.5 });
  });

  it('converges on OR and on the separable random cloud, never on XOR', () => {
    expect(trainUntilConverged(presetPoints('or'), 'step', 0.5, 100).converged).toBe(true);
    expect(trainUntilConverged(presetPoints('random', 7), 'step', 0.1, 1000).converged).toBe(true);
    expect(trainUntilConverged(presetPoints('random', 7), 'sign', 0.1, 1000).converged).toBe(true);
    const x = trainUntilConverged(XOR, 'step', 0.5, 500);
    expect(x.converged).toBe(false);
    expect(x.epoch).toBe(500);
    expect(countMisclassified(x.params, XOR)).toBeGreaterThan(0);
  });
});

describe('linear separability', () => {
  it('knows the gates: AND and OR are separable, XOR is not', () => {
    expect(isLinearlySeparable(AND)).toBe(true);
    expect(isLinearlySeparable(presetPoints('or'))).toBe(true);
    expect(isLinearlySeparable(XOR)).toBe(false);
  });
  it('random clouds are separable for many seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const pts = presetPoints('random', seed);
      expect(pts.length).toBe(24);
      expect(new Set(pts.map((p) => p.label)).size).toBe(2);
      expect(isLinearlySeparable(pts), `seed ${seed}`).toBe(true);
    }
  });
  it('catches touching and degenerate hulls', () => {
    const p = (x1: number, x2: number, label: 0 | 1): LabeledPoint => ({ x1, x2, label });
    // A class-0 point in the middle of a class-1 segment: no line can separate them.
    expect(isLinearlySeparable([p(0, 0, 1), p(2, 0, 1), p(1, 0, 0)])).toBe(false);
    // A point inside the other class's triangle.
    expect(isLinearlySeparable([p(0, 0, 1), p(4, 0, 1), p(0, 4, 1), p(1, 1, 0)])).toBe(false);
    expect(isLinearlySeparable([p(0, 0, 1), p(4, 0, 1), p(0, 4, 1), p(3, 3, 0)])).toBe(true);
    // Same spot, different labels.
    expect(isLinearlySeparable([p(1, 1, 1), p(1, 1, 0)])).toBe(false);
    expect(isLinearlySeparable([p(1, 1, 1)])).toBe(true);
  });
  it('convex hull drops interior and collinear points', () => {
    const h = convexHull([[0, 0], [2, 0], [1, 0], [2, 2], [0, 2], [1, 1]]);
    expect(h).toHaveLength(4);
    expect(polygonArea(h)).toBe(4);
  });
});

describe('decision-boundary geometry', () => {
  const box = { min: -0.5, max: 1.5 };
  it('the AND boundary x₁ + x₂ = 1.5 leaves a right triangle of area 1.5²/2 on its positive side', () => {
    const poly = positiveRegion({ w1: 1, w2: 1, b: -1.5 }, box);
    // The region x₁ + x₂ ≥ 1.5 inside [−0.5, 1.5]²: a right triangle with legs 1.5.
    expect(Math.abs(polygonArea(poly))).toBeCloseTo(1.125, 12);
    const seg = boundarySegment({ w1: 1, w2: 1, b: -1.5 }, box);
    expect(seg).not.toBeNull();
    for (const [x, y] of seg!) expect(x + y).toBeCloseTo(1.5, 12);
  });
  it('handles a vertical boundary (quiz 1: w = (2, 0), b = −1 → x₁ = 0.5)', () => {
    const seg = boundarySegment({ w1: 2, w2: 0, b: -1 }, box)!;
    expect(seg.map((v) => v[0])).toEqual([0.5, 0.5]);
    expect(Math.abs(polygonArea(positiveRegion({ w1: 2, w2: 0, b: -1 }, box)))).toBeCloseTo(1 * 2, 12);
  });
  it('w = 0: the whole box or nothing, no boundary', () => {
    expect(boundarySegment({ w1: 0, w2: 0, b: 1 }, box)).toBeNull();
    expect(Math.abs(polygonArea(positiveRegion({ w1: 0, w2: 0, b: 0 }, box)))).toBe(4);
    expect(positiveRegion({ w1: 0, w2: 0, b: -1 }, box)).toHaveLength(0);
  });
  it('a line that misses the box has no segment', () => {
    expect(boundarySegment({ w1: 1, w2: 1, b: -10 }, box)).toBeNull();
  });
});
