import { describe, expect, it } from 'vitest';
import { centralDifference, relativeError } from '../../ml/teach/autodiff';
import { backwardTex, forwardTex, texNum } from './formulas';
import { GRAPHS, GRAPH_IDS, buildGraph, defaultValues, lossOf } from './graphs';

describe('backprop graphs', () => {
  it("reproduces chapter 5's table for L = (wx + b − y)² with x = 2, w = 3, b = −1, y = 4", () => {
    const spec = GRAPHS.linear;
    const g = buildGraph(spec, defaultValues(spec));
    const val = (k: string) => g.byKey.get(k)!.data;
    const grad = (k: string) => g.byKey.get(k)!.grad;
    expect(['u', 'z', 'r', 'L'].map(val)).toEqual([6, 5, 1, 1]);
    expect(['r', 'z', 'y', 'u', 'b', 'w', 'x'].map(grad)).toEqual([2, 2, -2, 2, 2, 4, 6]);
    expect(g.forward.map((v) => v.label)).toEqual(['u', 'z', 'r', 'L']);
    expect(g.backward[0]).toBe(g.root);
    // every node's consumers come before it in the backward order
    g.backward.forEach((v, i) => g.users.get(v)!.forEach((c) => expect(g.backward.indexOf(c)).toBeLessThan(i)));
  });

  it.each(GRAPH_IDS)('%s: every leaf gradient agrees with a central difference', (id) => {
    const spec = GRAPHS[id];
    const values = defaultValues(spec);
    const g = buildGraph(spec, values);
    for (const leaf of spec.leaves) {
      const num = centralDifference(lossOf(spec), values, leaf.key, 1e-5);
      expect(relativeError(g.byKey.get(leaf.key)!.grad, num)).toBeLessThan(1e-7);
    }
    // every node has a layout position
    for (const v of g.order) expect(spec.nodes[v.label], v.label).toBeDefined();
  });

  it('the 2-2-1 network sums the two paths back to x₁ (fan-out)', () => {
    const spec = GRAPHS.mlp;
    const g = buildGraph(spec, defaultValues(spec));
    const x1 = g.byKey.get('x1')!;
    const users = g.users.get(x1)!;
    expect(users.map((u) => u.label).sort()).toEqual(['p11', 'p21']);
    expect(x1.grad).toBeCloseTo(g.byKey.get('p11')!.grad * g.byKey.get('w11')!.data + g.byKey.get('p21')!.grad * g.byKey.get('w21')!.data, 12);
  });

  it('writes forward and backward steps with the numbers substituted', () => {
    const spec = GRAPHS.linear;
    const g = buildGraph(spec, defaultValues(spec));
    const tex = (v: { label: string }) => spec.nodes[v.label].tex;
    const k = (key: string) => g.byKey.get(key)!;
    expect(forwardTex(k('z'), tex)).toBe('z = u + b = 6 + (-1) = 5');
    expect(forwardTex(k('L'), tex)).toBe('L = r^2 = 1^2 = 1');
    expect(backwardTex(k('L'), g.users.get(k('L'))!, g.root, tex)).toBe('\\frac{\\partial L}{\\partial L} = 1');
    expect(backwardTex(k('w'), g.users.get(k('w'))!, g.root, tex)).toBe(
      '\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial u}\\,\\frac{\\partial u}{\\partial w} = \\frac{\\partial L}{\\partial u} \\cdot x = 2 \\cdot 2 = 4',
    );
    expect(backwardTex(k('y'), g.users.get(k('y'))!, g.root, tex)).toMatch(/\(-1\) = -2$/);
  });

  it('formats numbers for TeX', () => {
    expect(texNum(-0.000012345)).toBe('-1.23\\times 10^{-5}');
    expect(texNum(2.5)).toBe('2.5');
    expect(texNum(-0)).toBe('0');
    expect(texNum(1 / 3)).toBe('0.3333');
  });
});
