import { describe, expect, it } from 'vitest';
import { Value, centralDifference, consumers, relativeError, topoSort } from './autodiff';

describe('reverse-mode autodiff', () => {
  it("reproduces chapter 5's worked example L = (wx + b − y)²", () => {
    const x = Value.leaf(2, 'x');
    const w = Value.leaf(3, 'w');
    const b = Value.leaf(-1, 'b');
    const y = Value.leaf(4, 'y');
    const u = w.mul(x, 'u');
    const z = u.add(b, 'z');
    const r = z.sub(y, 'r');
    const L = r.square('L');
    expect([u.data, z.data, r.data, L.data]).toEqual([6, 5, 1, 1]);
    L.backward();
    expect({ r: r.grad, z: z.grad, y: y.grad, u: u.grad, b: b.grad, w: w.grad, x: x.grad }).toEqual({ r: 2, z: 2, y: -2, u: 2, b: 2, w: 4, x: 6 });
  });

  it('adds gradients at a fan-out (f = x·x + x → 2x + 1)', () => {
    const x = Value.leaf(1.5);
    const f = x.mul(x).add(x);
    f.backward();
    expect(x.grad).toBe(4);
    // calling backward again starts from zero, it does not accumulate across calls
    f.backward();
    expect(x.grad).toBe(4);
  });

  it('matches central differences for every operation', () => {
    const fn = (p: Record<string, number>) => {
      const a = Value.leaf(p.a);
      const b = Value.leaf(p.b);
      const c = Value.leaf(p.c);
      const s = a.mul(b).sigmoid().add(c.tanh().mul(a)).sub(b.relu().mul(c).neg());
      const out = s.exp().add(a.mul(a).add(1).log()).halfSquare().add(Value.sum([a, b, c]).square());
      return { out, a, b, c };
    };
    for (const p of [
      { a: 0.3, b: -1.2, c: 0.7 },
      { a: -0.8, b: 0.5, c: 1.9 },
      { a: 1.1, b: 2.0, c: -0.4 },
    ]) {
      const { out, a, b, c } = fn(p);
      out.backward();
      const grads = { a: a.grad, b: b.grad, c: c.grad };
      for (const k of ['a', 'b', 'c'] as const) {
        const num = centralDifference((q) => fn(q).out.data, p, k, 1e-5);
        expect(relativeError(grads[k], num)).toBeLessThan(1e-7);
      }
    }
  });

  it('differentiates a sigmoid neuron with ½(a − y)² loss', () => {
    // z = w·x + b = 0.5·2 − 0.5 = 0.5, a = σ(0.5), ∂L/∂w = (a − y)·a(1 − a)·x
    const w = Value.leaf(0.5);
    const b = Value.leaf(-0.5);
    const a = w.mul(2).add(b).sigmoid();
    const L = a.sub(1).halfSquare();
    L.backward();
    const s = 1 / (1 + Math.exp(-0.5));
    expect(w.grad).toBeCloseTo((s - 1) * s * (1 - s) * 2, 14);
    expect(b.grad).toBeCloseTo((s - 1) * s * (1 - s), 14);
  });

  it('orders nodes topologically and lists each node’s consumers once', () => {
    const x = Value.leaf(1, 'x');
    const y = x.mul(x, 'y');
    const z = y.add(x, 'z');
    const order = topoSort(z);
    expect(order.map((v) => v.label)).toEqual(['x', 'y', 'z']);
    const c = consumers(order);
    expect(c.get(x)!.map((v) => v.label)).toEqual(['y', 'z']);
    expect(c.get(z)).toEqual([]);
  });

  it('survives a deep chain without overflowing the stack', () => {
    let v = Value.leaf(0.1);
    const x = v;
    for (let i = 0; i < 20000; i++) v = v.add(0);
    v.backward();
    expect(x.grad).toBe(1);
  });
});

describe('gradient checking helpers', () => {
  it('central difference is exact for a quadratic (chapter 5: L(w) = (2w − 5)² at w = 3)', () => {
    const L = (p: Record<string, number>) => (2 * p.w - 5) ** 2;
    expect(centralDifference(L, { w: 3 }, 'w', 0.01)).toBeCloseTo(4, 10);
    // its error is O(h²): for w³ at 1 the error is exactly h²
    const cube = (p: Record<string, number>) => p.w ** 3;
    expect(centralDifference(cube, { w: 1 }, 'w', 0.1) - 3).toBeCloseTo(0.01, 10);
  });

  it('relative error is |a − n| / max(|a|, |n|)', () => {
    expect(relativeError(4, 4.04)).toBeCloseTo(0.04 / 4.04, 12);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(1, -1)).toBe(2);
  });
});
