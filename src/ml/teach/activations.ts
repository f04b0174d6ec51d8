/**
 * Activation functions, their derivatives, and a temperature softmax — plain numbers, no
 * tensors, so the teaching panels can evaluate thousands of points per frame synchronously.
 */

export const ACTIVATION_NAMES = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu'] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** α used by Leaky ReLU and ELU when the caller gives none (the chapter's "typical" values). */
export const DEFAULT_ALPHA: Record<'leaky-relu' | 'elu', number> = { 'leaky-relu': 0.01, elu: 1 };

/**
 * Logistic sigmoid σ(x) = 1 / (1 + e^{−x}), written so that neither branch overflows
 * (e^{−x} for very negative x would be ∞; the second form keeps it finite).
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * f(x) for a named activation. `alpha` is the negative-side slope of Leaky ReLU or the
 * saturation level of ELU; other functions ignore it.
 */
export function activate(name: ActivationName, x: number, alpha?: number): number {
  switch (name) {
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return Math.tanh(x);
    case 'relu':
      return x > 0 ? x : 0;
    case 'leaky-relu':
      return x > 0 ? x : (alpha ?? DEFAULT_ALPHA['leaky-relu']) * x;
    case 'elu':
      return x > 0 ? x : (alpha ?? DEFAULT_ALPHA.elu) * Math.expm1(x);
  }
}

/**
 * f'(x). At the kink x = 0 we follow the frameworks (and the chapter): ReLU' = 0, the
 * Leaky ReLU and ELU derivatives take their x ≤ 0 branch (α and α·e⁰ = α).
 */
export function derivative(name: ActivationName, x: number, alpha?: number): number {
  switch (name) {
    case 'sigmoid': {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = Math.tanh(x);
      return 1 - t * t;
    }
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'leaky-relu':
      return x > 0 ? 1 : (alpha ?? DEFAULT_ALPHA['leaky-relu']);
    case 'elu':
      return x > 0 ? 1 : (alpha ?? DEFAULT_ALPHA.elu) * Math.exp(x);
  }
}

/** The range of f as text, for the panel's fact line. */
export function activationRange(name: ActivationName, alpha?: number): string {
  switch (name) {
    case 'sigmoid':
      return '(0, 1)';
    case 'tanh':
      return '(−1, 1)';
    case 'relu':
      return '[0, ∞)';
    case 'leaky-relu':
      return (alpha ?? DEFAULT_ALPHA['leaky-relu']) > 0 ? '(−∞, ∞)' : '[0, ∞)';
    case 'elu':
      return `(−${alpha ?? DEFAULT_ALPHA.elu}, ∞)`;
  }
}

/**
 * Softmax of z / T, numerically stable: the maximum is subtracted first (shift invariance),
 * so logits like (1000, 1001, 1002) give finite probabilities instead of ∞/∞ = NaN.
 * @param z logits (at least one)
 * @param T temperature > 0; T → 0 tends to one-hot on the largest logit, T → ∞ to uniform
 */
export function softmax(z: readonly number[], T = 1): number[] {
  if (z.length === 0) return [];
  if (!(T > 0)) throw new RangeError('softmax temperature must be > 0');
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / T));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Shannon entropy −Σ p log p in nats (0 for one-hot, log K for uniform). */
export function entropy(p: readonly number[]): number {
  return p.reduce((acc, v) => (v > 0 ? acc - v * Math.log(v) : acc), 0);
}

/** Central difference (f(x+h) − f(x−h)) / 2h: error O(h²), used to check derivatives. */
export function centralDiff(f: (x: number) => number, x: number, h = 1e-5): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}
