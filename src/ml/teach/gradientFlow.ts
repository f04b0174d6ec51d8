/**
 * Gradient flow through a deep MLP at initialisation: how large ∂L/∂W_l is at every layer,
 * and how spread out the activations are. Plain matrix backprop in Float64 (a 30-layer,
 * width-32 net on a batch of 64 takes a few milliseconds), so the panel updates live.
 *
 * Network: x (inputs) → [W_l, f] × (depth − 1) hidden layers of `width` → W_depth → softmax,
 * cross-entropy against random labels. Biases start at 0 and are left out (they do not
 * change the forward pass at initialisation).
 */
import { createRng, type Rng } from '../train/rng';
import { gaussian } from './optimizers2d';

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const INITS = ['small', 'xavier', 'he'] as const;
export type Init = (typeof INITS)[number];

export interface FlowConfig {
  /** Number of weight layers (hidden layers + the output layer), ≥ 2. */
  depth: number;
  activation: Activation;
  init: Init;
  width?: number;
  inputs?: number;
  classes?: number;
  batch?: number;
  seed?: number;
}

export interface FlowResult {
  /** ‖∂L/∂W_l‖_F for l = 1..depth (index 0 is the first layer). */
  gradNorms: number[];
  /** ‖δ_l‖ = ‖∂L/∂z_l‖ (the error term of chapter 5's recursion), same indexing. */
  deltaNorms: number[];
  /** Standard deviation of every layer's output a_l (the last entry is the logits). */
  actStd: number[];
  /** Standard deviation of the inputs, for reference. */
  inputStd: number;
  loss: number;
}

/** The activation and its derivative written in terms of z. */
export function activate(f: Activation, z: number): number {
  if (f === 'relu') return z > 0 ? z : 0;
  if (f === 'tanh') return Math.tanh(z);
  return 1 / (1 + Math.exp(-z));
}

export function activationDerivative(f: Activation, z: number): number {
  if (f === 'relu') return z > 0 ? 1 : 0;
  if (f === 'tanh') {
    const t = Math.tanh(z);
    return 1 - t * t;
  }
  const s = 1 / (1 + Math.exp(-z));
  return s * (1 - s);
}

/**
 * Standard deviation of the initial weights of an n_in → n_out layer:
 * small = 0.01; Glorot/Xavier = √(2/(n_in + n_out)); He = √(2/n_in).
 */
export function initStd(init: Init, nIn: number, nOut: number): number {
  if (init === 'small') return 0.01;
  if (init === 'xavier') return Math.sqrt(2 / (nIn + nOut));
  return Math.sqrt(2 / nIn);
}

/** A row-major rows × cols matrix of N(0, std²) draws. */
function randomMatrix(rows: number, cols: number, std: number, rng: Rng): Float64Array {
  const m = new Float64Array(rows * cols);
  for (let i = 0; i < m.length; i++) m[i] = std * gaussian(rng);
  return m;
}

function norm(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

function std(a: Float64Array): number {
  let mean = 0;
  for (const v of a) mean += v;
  mean /= a.length;
  let s = 0;
  for (const v of a) s += (v - mean) ** 2;
  return Math.sqrt(s / a.length);
}

/** A freshly initialised MLP with its batch: weights W_l (n_out × n_in, row-major), inputs, labels. */
export interface Net {
  sizes: number[];
  W: Float64Array[];
  /** B × n_in inputs, row-major. */
  x: Float64Array;
  labels: number[];
  activation: Activation;
}

/** Draws the network of the module comment from a seed. */
export function buildNet(cfg: FlowConfig): Net {
  const depth = Math.max(2, Math.round(cfg.depth));
  const width = cfg.width ?? 32;
  const nIn = cfg.inputs ?? 32;
  const classes = cfg.classes ?? 10;
  const B = cfg.batch ?? 64;
  const rng = createRng(cfg.seed ?? 1);
  const sizes = [nIn, ...Array.from({ length: depth - 1 }, () => width), classes];
  const W = sizes.slice(1).map((nOut, l) => randomMatrix(nOut, sizes[l], initStd(cfg.init, sizes[l], nOut), rng));
  const x = randomMatrix(B, nIn, 1, rng);
  const labels = Array.from({ length: B }, () => rng.int(classes));
  return { sizes, W, x, labels, activation: cfg.activation };
}

interface Forward {
  Z: Float64Array[];
  A: Float64Array[];
  /** δ at the output, (softmax − one-hot) / B. */
  delta: Float64Array;
  loss: number;
}

/** Z_l = A_{l−1} W_lᵀ, A_l = f(Z_l) (the output layer stays linear), then softmax cross-entropy. */
function forward(net: Net): Forward {
  const { sizes, W, x, labels, activation: f } = net;
  const depth = W.length;
  const B = labels.length;
  const Z: Float64Array[] = [];
  const A: Float64Array[] = [x];
  for (let l = 0; l < depth; l++) {
    const n = sizes[l + 1];
    const m = sizes[l];
    const prev = A[l];
    const w = W[l];
    const z = new Float64Array(B * n);
    for (let b = 0; b < B; b++)
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += prev[b * m + j] * w[i * m + j];
        z[b * n + i] = s;
      }
    Z.push(z);
    A.push(l === depth - 1 ? z : z.map((v) => activate(f, v)));
  }
  const classes = sizes[depth];
  const logits = Z[depth - 1];
  const delta = new Float64Array(B * classes);
  let loss = 0;
  for (let b = 0; b < B; b++) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[b * classes + k]);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[b * classes + k] - max);
    for (let k = 0; k < classes; k++) {
      const p = Math.exp(logits[b * classes + k] - max) / sum;
      delta[b * classes + k] = (p - (k === labels[b] ? 1 : 0)) / B;
    }
    loss -= (logits[b * classes + labels[b]] - max - Math.log(sum)) / B;
  }
  return { Z, A, delta, loss };
}

/** The mean cross-entropy of `net` on its batch. */
export function netLoss(net: Net): number {
  return forward(net).loss;
}

/**
 * Backpropagation: ∂L/∂W_l = δ_lᵀ A_{l−1} and δ_{l−1} = (δ_l W_l) ⊙ f′(Z_{l−1}).
 * Returns every weight gradient (same layout as W) and the norms of the δ_l.
 */
export function backprop(net: Net): { dW: Float64Array[]; deltaNorms: number[]; A: Float64Array[]; loss: number } {
  const { sizes, W, activation: f } = net;
  const depth = W.length;
  const B = net.labels.length;
  const fw = forward(net);
  const { Z, A, loss } = fw;
  let delta = fw.delta;
  const dW: Float64Array[] = new Array(depth);
  const deltaNorms = new Array<number>(depth).fill(0);
  for (let l = depth - 1; l >= 0; l--) {
    const n = sizes[l + 1];
    const m = sizes[l];
    const prev = A[l];
    deltaNorms[l] = norm(delta);
    const g = new Float64Array(n * m);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let b = 0; b < B; b++) s += delta[b * n + i] * prev[b * m + j];
        g[i * m + j] = s;
      }
    dW[l] = g;
    if (l === 0) break;
    const w = W[l];
    const zPrev = Z[l - 1];
    const next = new Float64Array(B * m);
    for (let b = 0; b < B; b++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += delta[b * n + i] * w[i * m + j];
        next[b * m + j] = s * activationDerivative(f, zPrev[b * m + j]);
      }
    delta = next;
  }
  return { dW, deltaNorms, A, loss };
}

/** Per-layer gradient norms and activation spreads of a freshly initialised MLP; see the module comment. */
export function gradientFlow(cfg: FlowConfig): FlowResult {
  const net = buildNet(cfg);
  const { dW, deltaNorms, A, loss } = backprop(net);
  return { gradNorms: dW.map(norm), deltaNorms, actStd: A.slice(1).map(std), inputStd: std(net.x), loss };
}
