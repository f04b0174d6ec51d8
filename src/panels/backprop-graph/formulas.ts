/**
 * TeX for one step of the forward or backward pass through a computational graph, with the
 * numbers substituted: "z = u + b = 6 + (−1) = 5", or the chain rule
 * "∂L/∂w = ∂L/∂u · ∂u/∂w = ∂L/∂u · x = 2 · 2 = 4" (a sum over consumers at a fan-out).
 */
import type { Value } from '../../ml/teach/autodiff';

/** A number for TeX: 4 significant digits, ASCII minus, no "-0". */
export function texNum(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : v < 0 ? '-\\infty' : '\\text{NaN}';
  const r = Number(v.toPrecision(4));
  if (r === 0) return '0';
  const abs = Math.abs(r);
  const s = abs >= 1e5 || abs < 1e-3 ? r.toExponential(2).replace(/e([+-]\d+)/, (_, e: string) => `\\times 10^{${Number(e)}}`) : String(r);
  return s;
}

/** A number as a factor: negatives in parentheses. */
function factor(v: number): string {
  const s = texNum(v);
  return s.startsWith('-') ? `(${s})` : s;
}

const d = (top: string, bottom: string) => `\\frac{\\partial ${top}}{\\partial ${bottom}}`;

/** The expression an operation node computes, in terms of its inputs' names or values. */
function expression(node: Value, arg: (p: Value) => string): string {
  const [a, b] = node.parents;
  switch (node.op) {
    case 'mul':
      return `${arg(a)} \\cdot ${arg(b)}`;
    case 'add':
      return node.parents.map(arg).join(' + ');
    case 'sub':
      return `${arg(a)} - ${arg(b)}`;
    case 'neg':
      return `-${arg(a)}`;
    case 'square':
      return `${arg(a)}^2`;
    case 'halfsq':
      return `\\tfrac12\\,${arg(a)}^2`;
    case 'sigmoid':
      return `\\sigma(${arg(a)})`;
    case 'tanh':
      return `\\tanh(${arg(a)})`;
    case 'relu':
      return `\\max(0, ${arg(a)})`;
    case 'exp':
      return `e^{${arg(a)}}`;
    case 'log':
      return `\\ln ${arg(a)}`;
    default:
      return arg(node);
  }
}

/** Forward step for an operation node, e.g. "z = u + b = 6 + (-1) = 5". */
export function forwardTex(node: Value, tex: (v: Value) => string): string {
  const sym = expression(node, tex);
  // Parenthesise negatives where they would read wrongly: "6 + (−1)", "(−1)²", but "σ(−0.5)".
  const bare = ['sigmoid', 'tanh', 'relu', 'exp', 'log'].includes(node.op);
  const num = expression(node, (p) => (bare || (node.op === 'add' && p === node.parents[0]) ? texNum(p.data) : factor(p.data)));
  return `${tex(node)} = ${sym} = ${num} = ${texNum(node.data)}`;
}

/** ∂c/∂n symbolically (n is an input of c). */
export function localTex(c: Value, n: Value, tex: (v: Value) => string): string {
  const idx = c.parents.map((p, i) => (p === n ? i : -1)).filter((i) => i >= 0);
  switch (c.op) {
    case 'add':
      return idx.length > 1 ? String(idx.length) : '1';
    case 'sub':
      return idx.length > 1 ? '0' : idx[0] === 0 ? '1' : '(-1)';
    case 'mul': {
      if (idx.length > 1) return `2${tex(n)}`;
      return tex(c.parents[1 - idx[0]]);
    }
    case 'neg':
      return '(-1)';
    case 'square':
      return `2${tex(n)}`;
    case 'halfsq':
      return tex(n);
    case 'sigmoid':
      return `${tex(c)}\\,(1 - ${tex(c)})`;
    case 'tanh':
      return `(1 - ${tex(c)}^2)`;
    case 'relu':
      return `\\mathbf{1}[${tex(n)} > 0]`;
    case 'exp':
      return tex(c);
    case 'log':
      return `\\frac{1}{${tex(n)}}`;
    default:
      return '1';
  }
}

/** ∂c/∂n as a number: the sum of c's local derivatives for every slot where n is an input. */
export function localValue(c: Value, n: Value): number {
  return c.parents.reduce((s, p, i) => (p === n ? s + c.local[i] : s), 0);
}

/**
 * Backward step for node n with consumers `users`: the chain rule, the local derivatives
 * written out, the numbers, and the result n.grad.
 */
export function backwardTex(n: Value, users: readonly Value[], root: Value, tex: (v: Value) => string): string {
  const L = tex(root);
  if (n === root) return `${d(L, L)} = 1`;
  if (users.length === 0) return `${d(L, tex(n))} = 0`;
  const chain = users.map((c) => `${d(L, tex(c))}\\,${d(tex(c), tex(n))}`).join(' + ');
  const local = users.map((c) => `${d(L, tex(c))} \\cdot ${localTex(c, n, tex)}`).join(' + ');
  const nums = users.map((c) => `${factor(c.grad)} \\cdot ${factor(localValue(c, n))}`).join(' + ');
  return `${d(L, tex(n))} = ${chain} = ${local} = ${nums} = ${texNum(n.grad)}`;
}
