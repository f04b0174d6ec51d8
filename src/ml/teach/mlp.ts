/**
 * Forward pass of a small fully connected network with every intermediate value kept, for
 * the panel that prints them: h = f(W₁x + b₁), ŷ = softmax(W₂h + b₂).
 */
import { activate, softmax, type ActivationName } from './activations';
import { mulberry32 } from './perceptron';

export type Matrix = number[][];
export type HiddenActivation = ActivationName | 'linear';

/** Weights in the chapter's convention: row i of W holds neuron i's incoming weights. */
export interface MlpParams {
  W1: Matrix;
  b1: number[];
  W2: Matrix;
  b2: number[];
}

export interface ForwardTrace {
  x: number[];
  /** Hidden pre-activations z₁ = W₁x + b₁. */
  z1: number[];
  /** Hidden activations a₁ = f(z₁). */
  a1: number[];
  /** Output logits z₂ = W₂a₁ + b₂. */
  z2: number[];
  /** Output probabilities softmax(z₂). */
  yhat: number[];
}

/** The shape [rows, cols] of a matrix, checking that it is rectangular. */
export function shape(M: Matrix): [number, number] {
  const cols = M[0]?.length ?? 0;
  if (M.some((r) => r.length !== cols)) throw new RangeError('ragged matrix');
  return [M.length, cols];
}

/** W·v for W of shape m×n and v of length n. */
export function matVec(W: Matrix, v: readonly number[]): number[] {
  const [, n] = shape(W);
  if (n !== v.length) throw new RangeError(`shape mismatch: ${W.length}×${n} times ${v.length}`);
  return W.map((row) => row.reduce((s, w, j) => s + w * v[j], 0));
}

/** A·B for A of shape m×k and B of shape k×n. */
export function matMul(A: Matrix, B: Matrix): Matrix {
  const [, k] = shape(A);
  const [k2, n] = shape(B);
  if (k !== k2) throw new RangeError(`shape mismatch: ${A.length}×${k} times ${k2}×${n}`);
  return A.map((row) => Array.from({ length: n }, (_, j) => row.reduce((s, a, t) => s + a * B[t][j], 0)));
}

export function addVec(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new RangeError('length mismatch');
  return a.map((v, i) => v + b[i]);
}

/** f applied element-wise; `linear` is the identity (to show that stacked linear layers collapse). */
export function applyActivation(act: HiddenActivation, z: readonly number[], alpha?: number): number[] {
  return act === 'linear' ? [...z] : z.map((v) => activate(act, v, alpha));
}

/**
 * The forward pass x → z₁ → a₁ → z₂ → ŷ with every intermediate kept.
 * @throws RangeError if the shapes don't chain (W₁: h×n, b₁: h, W₂: k×h, b₂: k)
 */
export function forward(p: MlpParams, x: readonly number[], act: HiddenActivation): ForwardTrace {
  const z1 = addVec(matVec(p.W1, x), p.b1);
  const a1 = applyActivation(act, z1);
  const z2 = addVec(matVec(p.W2, a1), p.b2);
  return { x: [...x], z1, a1, z2, yhat: softmax(z2) };
}

/**
 * The default network: the chapter's 2-2-1 worked example embedded in a 2-3-2 net. Hidden
 * units 1 and 2 are the chapter's; output 2 is all zeros, so ŷ₁ = softmax((z, 0))₁ = σ(z)
 * reproduces the chapter's sigmoid output σ(1) ≈ 0.731 at x = (1, 2).
 */
export const CHAPTER_EXAMPLE: { params: MlpParams; x: number[]; act: HiddenActivation } = {
  params: {
    W1: [
      [0.5, -1],
      [1.5, 0.5],
      [-1, 1],
    ],
    b1: [0.5, -1, 0],
    W2: [
      [1, 2, 0],
      [0, 0, 0],
    ],
    b2: [-2, 0],
  },
  x: [1, 2],
  act: 'relu',
};

/** Deep copy, so the panel can edit one entry immutably. */
export function cloneParams(p: MlpParams): MlpParams {
  return { W1: p.W1.map((r) => [...r]), b1: [...p.b1], W2: p.W2.map((r) => [...r]), b2: [...p.b2] };
}

/**
 * Random 2-3-2 weights and biases, uniform in [−2, 2] and rounded to one decimal so they stay
 * readable in the panel; the same seed always gives the same network.
 */
export function randomParams(seed: number, sizes: [number, number, number] = [2, 3, 2]): MlpParams {
  const rnd = mulberry32(seed);
  const r = () => Math.round((rnd() * 4 - 2) * 10) / 10 || 0;
  const [n, h, k] = sizes;
  const mat = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, r));
  return { W1: mat(h, n), b1: Array.from({ length: h }, r), W2: mat(k, h), b2: Array.from({ length: k }, r) };
}
