/**
 * The three losses of chapter 3 for a single example, their gradients, and a finite-difference
 * checker — so the loss panel can show a gradient and prove it right on the spot.
 */
import { sigmoid, softmax } from './activations';

/** Keras's default clip for probabilities, so log(0) never happens. */
export const EPS = 1e-7;

const clip = (p: number, eps = EPS) => Math.min(1 - eps, Math.max(eps, p));

/** Squared error (ŷ − y)² for one example. */
export function mse(yhat: number, y: number): number {
  return (yhat - y) ** 2;
}

/** dL/dŷ of the squared error: 2(ŷ − y). */
export function mseGrad(yhat: number, y: number): number {
  return 2 * (yhat - y);
}

/** Mean squared error over a batch and its gradient w.r.t. each prediction, 2(ŷᵢ − yᵢ)/N. */
export function mseBatch(yhat: readonly number[], y: readonly number[]): { loss: number; grad: number[] } {
  if (yhat.length !== y.length || yhat.length === 0) throw new RangeError('mseBatch needs two equal, non-empty arrays');
  const n = yhat.length;
  const loss = yhat.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / n;
  return { loss, grad: yhat.map((v, i) => (2 * (v - y[i])) / n) };
}

/**
 * Binary cross-entropy −[y log ŷ + (1 − y) log(1 − ŷ)], with ŷ clipped to [ε, 1 − ε].
 * @param y target in [0, 1] (soft labels allowed)
 */
export function bce(yhat: number, y: number, eps = EPS): number {
  const p = clip(yhat, eps);
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}

/** dL/dŷ of the binary cross-entropy: (ŷ − y) / (ŷ(1 − ŷ)), evaluated at the clipped ŷ. */
export function bceGrad(yhat: number, y: number, eps = EPS): number {
  const p = clip(yhat, eps);
  return (p - y) / (p * (1 - p));
}

/**
 * BCE computed from the logit z (ŷ = σ(z)) without forming ŷ: max(z, 0) − z·y + log(1 + e^{−|z|}).
 * Exact even where σ(z) rounds to 0 or 1.
 */
export function bceFromLogit(z: number, y: number): number {
  return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

/** log Σ e^{zᵢ}, stable: the maximum is factored out first. */
export function logSumExp(z: readonly number[]): number {
  const m = Math.max(...z);
  return m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
}

/** Categorical cross-entropy −log ŷ_c with ŷ = softmax(z), computed from the logits: logsumexp(z) − z_c. */
export function cceFromLogits(z: readonly number[], target: number): number {
  if (!(target >= 0 && target < z.length && Number.isInteger(target))) throw new RangeError('target class out of range');
  return logSumExp(z) - z[target];
}

/** ∂L/∂z of softmax + cross-entropy: ŷ − y (prediction minus one-hot target). */
export function cceGradLogits(z: readonly number[], target: number): number[] {
  return softmax(z).map((p, k) => p - (k === target ? 1 : 0));
}

/** Categorical cross-entropy −Σ y_k log ŷ_k on probabilities (clipped), for a one-hot target. */
export function cce(p: readonly number[], target: number, eps = EPS): number {
  return -Math.log(clip(p[target], eps));
}

/** ∂L/∂ŷ_k of the categorical cross-entropy: −y_k / ŷ_k. */
export function cceGradProbs(p: readonly number[], target: number, eps = EPS): number[] {
  return p.map((v, k) => (k === target ? -1 / clip(v, eps) : 0));
}

/**
 * Gradient of a scalar function by central differences, one coordinate at a time.
 * @param h step; 1e-5 balances truncation (O(h²)) and rounding (O(ε/h)) error in float64
 */
export function numericGradient(f: (z: number[]) => number, z: readonly number[], h = 1e-5): number[] {
  return z.map((_, j) => {
    const up = [...z];
    const down = [...z];
    up[j] += h;
    down[j] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/** The largest |aᵢ − bᵢ|. */
export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

/** dL/dz of the squared error through a sigmoid: 2(σ(z) − y)·σ(z)(1 − σ(z)). Tiny when σ saturates. */
export function mseSigmoidGradLogit(z: number, y: number): number {
  const s = sigmoid(z);
  return 2 * (s - y) * s * (1 - s);
}

/** dL/dz of BCE through a sigmoid: σ(z) − y — the σ' factor cancels. */
export function bceSigmoidGradLogit(z: number, y: number): number {
  return sigmoid(z) - y;
}
