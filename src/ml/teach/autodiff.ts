/**
 * A tiny reverse-mode automatic differentiation engine on scalars, in the style of
 * micrograd: every operation records its inputs and its local derivatives, and
 * `backward()` walks the graph in reverse topological order applying the chain rule
 *   ∂L/∂p += ∂L/∂node · ∂node/∂p
 * so that gradients arriving along several paths (fan-out) add up.
 */

export type Op = 'leaf' | 'add' | 'sub' | 'mul' | 'neg' | 'square' | 'halfsq' | 'sigmoid' | 'tanh' | 'relu' | 'exp' | 'log';

let nextId = 0;

export class Value {
  readonly id = nextId++;
  data: number;
  /** ∂(root)/∂this after the root's `backward()`. */
  grad = 0;
  /** Inputs of the operation that produced this value (empty for leaves). */
  readonly parents: readonly Value[];
  readonly op: Op;
  /** ∂this/∂parents[i], evaluated at the forward values. */
  readonly local: readonly number[];
  /** A name for display (TeX allowed). */
  label: string;

  constructor(data: number, parents: readonly Value[] = [], op: Op = 'leaf', local: readonly number[] = [], label = '') {
    this.data = data;
    this.parents = parents;
    this.op = op;
    this.local = local;
    this.label = label;
  }

  /** A leaf: an input, a parameter or a target. */
  static leaf(data: number, label = ''): Value {
    return new Value(data, [], 'leaf', [], label);
  }

  /** a₁ + a₂ + … (an n-ary add node; each local derivative is 1). */
  static sum(values: Value[], label = ''): Value {
    return new Value(
      values.reduce((s, v) => s + v.data, 0),
      values,
      'add',
      values.map(() => 1),
      label,
    );
  }

  add(o: Value | number, label = ''): Value {
    const b = lift(o);
    return new Value(this.data + b.data, [this, b], 'add', [1, 1], label);
  }

  sub(o: Value | number, label = ''): Value {
    const b = lift(o);
    return new Value(this.data - b.data, [this, b], 'sub', [1, -1], label);
  }

  mul(o: Value | number, label = ''): Value {
    const b = lift(o);
    // The "swapper": each input's local derivative is the other input's value.
    return new Value(this.data * b.data, [this, b], 'mul', [b.data, this.data], label);
  }

  neg(label = ''): Value {
    return new Value(-this.data, [this], 'neg', [-1], label);
  }

  /** r² */
  square(label = ''): Value {
    return new Value(this.data * this.data, [this], 'square', [2 * this.data], label);
  }

  /** ½ r² (its derivative is simply r). */
  halfSquare(label = ''): Value {
    return new Value(0.5 * this.data * this.data, [this], 'halfsq', [this.data], label);
  }

  sigmoid(label = ''): Value {
    const s = 1 / (1 + Math.exp(-this.data));
    return new Value(s, [this], 'sigmoid', [s * (1 - s)], label);
  }

  tanh(label = ''): Value {
    const t = Math.tanh(this.data);
    return new Value(t, [this], 'tanh', [1 - t * t], label);
  }

  relu(label = ''): Value {
    return new Value(Math.max(0, this.data), [this], 'relu', [this.data > 0 ? 1 : 0], label);
  }

  exp(label = ''): Value {
    const e = Math.exp(this.data);
    return new Value(e, [this], 'exp', [e], label);
  }

  log(label = ''): Value {
    return new Value(Math.log(this.data), [this], 'log', [1 / this.data], label);
  }

  /** Fills `.grad` of every node reachable from this one with ∂this/∂node. */
  backward(): void {
    const order = topoSort(this);
    for (const v of order) v.grad = 0;
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i];
      v.parents.forEach((p, j) => {
        p.grad += v.grad * v.local[j];
      });
    }
  }
}

function lift(o: Value | number): Value {
  return typeof o === 'number' ? Value.leaf(o, String(o)) : o;
}

/** All nodes reachable from `root`, every node after its inputs (root last). */
export function topoSort(root: Value): Value[] {
  const seen = new Set<Value>();
  const out: Value[] = [];
  // Iterative DFS so deep graphs cannot overflow the call stack.
  const stack: [Value, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [v, i] = top;
    if (i < v.parents.length) {
      top[1] += 1;
      const p = v.parents[i];
      if (!seen.has(p)) {
        seen.add(p);
        stack.push([p, 0]);
      }
    } else {
      stack.pop();
      out.push(v);
    }
  }
  return out;
}

/** For each node, the nodes that use it as an input (its "consumers"), in topological order. */
export function consumers(order: readonly Value[]): Map<Value, Value[]> {
  const map = new Map<Value, Value[]>(order.map((v) => [v, []]));
  for (const v of order) for (const p of new Set(v.parents)) map.get(p)?.push(v);
  return map;
}

/**
 * Central difference (f(θ + h) − f(θ − h)) / (2h) for one named parameter of a function
 * of named parameters. Its truncation error is O(h²).
 */
export function centralDifference(f: (p: Record<string, number>) => number, params: Record<string, number>, key: string, h: number): number {
  const plus = f({ ...params, [key]: params[key] + h });
  const minus = f({ ...params, [key]: params[key] - h });
  return (plus - minus) / (2 * h);
}

/** |a − n| / max(|a|, |n|), and 0 when both are 0 (chapter 5's gradient-check measure). */
export function relativeError(analytic: number, numeric: number): number {
  const d = Math.max(Math.abs(analytic), Math.abs(numeric));
  return d === 0 ? 0 : Math.abs(analytic - numeric) / d;
}
