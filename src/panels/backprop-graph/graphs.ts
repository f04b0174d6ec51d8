/**
 * The computational graphs the backprop panel can show, built on the scalar autodiff of
 * src/ml/teach/autodiff.ts, with a hand-made layout and TeX/Unicode names for every node.
 */
import { Value, consumers, topoSort } from '../../ml/teach/autodiff';

export const GRAPH_IDS = ['linear', 'neuron', 'mlp'] as const;
export type GraphId = (typeof GRAPH_IDS)[number];

export type LeafKind = 'input' | 'param' | 'target';

export interface LeafSpec {
  key: string;
  kind: LeafKind;
  value: number;
}

export interface NodeInfo {
  key: string;
  /** TeX name, e.g. w_{11}. */
  tex: string;
  /** Plain-text name for SVG, e.g. w₁₁. */
  text: string;
  /** Column and row in the layout grid. */
  col: number;
  row: number;
}

export interface GraphSpec {
  id: GraphId;
  leaves: LeafSpec[];
  nodes: Record<string, NodeInfo>;
  /** Builds the graph for the given leaf values; every Value's label is its node key. */
  build(v: Record<string, number>): Value;
  cols: number;
  rows: number;
}

const SUB: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃' };
/** "w11" → TeX w_{11} and text w₁₁. */
function names(key: string): { tex: string; text: string } {
  const m = /^([a-zA-Z]+)(\d*)$/.exec(key);
  if (!m || !m[2]) return { tex: key, text: key };
  return { tex: `${m[1]}_{${m[2]}}`, text: m[1] + [...m[2]].map((d) => SUB[d] ?? d).join('') };
}

function layout(pos: Record<string, [number, number]>): Record<string, NodeInfo> {
  return Object.fromEntries(Object.entries(pos).map(([key, [col, row]]) => [key, { key, ...names(key), col, row }]));
}

/** Chapter 5's running example: L = (w·x + b − y)² as u = w·x, z = u + b, r = z − y, L = r². */
const linear: GraphSpec = {
  id: 'linear',
  leaves: [
    { key: 'x', kind: 'input', value: 2 },
    { key: 'w', kind: 'param', value: 3 },
    { key: 'b', kind: 'param', value: -1 },
    { key: 'y', kind: 'target', value: 4 },
  ],
  nodes: layout({ x: [0, 0], w: [0, 1], u: [1, 0.5], b: [1, 1.7], z: [2, 1.1], y: [2, 2.3], r: [3, 1.7], L: [4, 1.7] }),
  build: (v) => {
    const x = Value.leaf(v.x, 'x');
    const w = Value.leaf(v.w, 'w');
    const b = Value.leaf(v.b, 'b');
    const y = Value.leaf(v.y, 'y');
    const u = w.mul(x, 'u');
    const z = u.add(b, 'z');
    const r = z.sub(y, 'r');
    return r.square('L');
  },
  cols: 5,
  rows: 3,
};

/** A sigmoid neuron with two inputs: z = w₁x₁ + w₂x₂ + b, a = σ(z), L = ½(a − y)². */
const neuron: GraphSpec = {
  id: 'neuron',
  leaves: [
    { key: 'x1', kind: 'input', value: 1 },
    { key: 'w1', kind: 'param', value: 0.5 },
    { key: 'x2', kind: 'input', value: -2 },
    { key: 'w2', kind: 'param', value: 0.25 },
    { key: 'b', kind: 'param', value: 0.1 },
    { key: 'y', kind: 'target', value: 1 },
  ],
  nodes: layout({ x1: [0, 0], w1: [0, 1], x2: [0, 2], w2: [0, 3], p1: [1, 0.5], p2: [1, 2.5], b: [1, 3.6], z: [2, 1.5], a: [3, 1.5], y: [3, 2.7], r: [4, 2.1], L: [5, 2.1] }),
  build: (v) => {
    const p1 = Value.leaf(v.w1, 'w1').mul(Value.leaf(v.x1, 'x1'), 'p1');
    const p2 = Value.leaf(v.w2, 'w2').mul(Value.leaf(v.x2, 'x2'), 'p2');
    const z = Value.sum([p1, p2, Value.leaf(v.b, 'b')], 'z');
    const a = z.sigmoid('a');
    return a.sub(Value.leaf(v.y, 'y'), 'r').halfSquare('L');
  },
  cols: 6,
  rows: 4,
};

/**
 * A 2-2-1 network: hidden h_j = σ(w_j1·x₁ + w_j2·x₂ + b_j), output o = v₁h₁ + v₂h₂ + c,
 * L = ½(o − y)². Each input feeds both hidden units, so its gradient adds two paths.
 */
const mlp: GraphSpec = {
  id: 'mlp',
  leaves: [
    { key: 'x1', kind: 'input', value: 1 },
    { key: 'x2', kind: 'input', value: 0.5 },
    { key: 'w11', kind: 'param', value: 0.8 },
    { key: 'w12', kind: 'param', value: -0.4 },
    { key: 'w21', kind: 'param', value: 0.3 },
    { key: 'w22', kind: 'param', value: 0.9 },
    { key: 'b1', kind: 'param', value: 0 },
    { key: 'b2', kind: 'param', value: -0.2 },
    { key: 'v1', kind: 'param', value: 1.2 },
    { key: 'v2', kind: 'param', value: -0.7 },
    { key: 'c', kind: 'param', value: 0.1 },
    { key: 'y', kind: 'target', value: 1 },
  ],
  nodes: layout({
    w11: [0, 0], w12: [0, 1.2], x1: [0, 2.6], x2: [0, 4.6], w21: [0, 6], w22: [0, 7.2],
    p11: [1, 0.5], p12: [1, 1.7], b1: [1, 2.9], b2: [1, 4.3], p21: [1, 5.5], p22: [1, 6.7],
    s1: [2, 1.7], s2: [2, 5.5], v1: [3, 0.4], h1: [3, 1.7], h2: [3, 5.5], v2: [3, 6.8],
    q1: [4, 1.7], c: [4, 3.6], q2: [4, 5.5], o: [5, 3.6], y: [5, 4.8], r: [6, 4.2], L: [7, 4.2],
  }),
  build: (v) => {
    const x1 = Value.leaf(v.x1, 'x1');
    const x2 = Value.leaf(v.x2, 'x2');
    const h = (j: 1 | 2) => {
      const pa = Value.leaf(v[`w${j}1`], `w${j}1`).mul(x1, `p${j}1`);
      const pb = Value.leaf(v[`w${j}2`], `w${j}2`).mul(x2, `p${j}2`);
      return Value.sum([pa, pb, Value.leaf(v[`b${j}`], `b${j}`)], `s${j}`).sigmoid(`h${j}`);
    };
    const q1 = Value.leaf(v.v1, 'v1').mul(h(1), 'q1');
    const q2 = Value.leaf(v.v2, 'v2').mul(h(2), 'q2');
    const o = Value.sum([q1, q2, Value.leaf(v.c, 'c')], 'o');
    return o.sub(Value.leaf(v.y, 'y'), 'r').halfSquare('L');
  },
  cols: 8,
  rows: 8,
};

export const GRAPHS: Record<GraphId, GraphSpec> = { linear, neuron, mlp };

export function defaultValues(spec: GraphSpec): Record<string, number> {
  return Object.fromEntries(spec.leaves.map((l) => [l.key, l.value]));
}

/** The built graph: nodes by key, forward order of the operation nodes, backward order of all nodes. */
export interface BuiltGraph {
  root: Value;
  byKey: Map<string, Value>;
  order: Value[];
  forward: Value[];
  backward: Value[];
  users: Map<Value, Value[]>;
}

/** Builds, runs backward (so every `.grad` is filled) and orders the graph for stepping. */
export function buildGraph(spec: GraphSpec, values: Record<string, number>): BuiltGraph {
  const root = spec.build(values);
  root.backward();
  const order = topoSort(root);
  return {
    root,
    byKey: new Map(order.map((v) => [v.label, v])),
    order,
    forward: order.filter((v) => v.op !== 'leaf'),
    backward: [...order].reverse(),
    users: consumers(order),
  };
}

/** The loss as a plain function of the leaf values (for the gradient check). */
export function lossOf(spec: GraphSpec): (v: Record<string, number>) => number {
  return (v) => spec.build(v).data;
}
