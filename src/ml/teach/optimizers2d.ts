/**
 * The classic first-order optimizers as plain update rules on a parameter vector (any
 * dimension; the optimizer race uses 2). The forms follow chapter 4:
 *
 * - gd / sgd:  θ ← θ − η g            (sgd: g carries seeded Gaussian noise, added by the caller)
 * - momentum:  v ← β v + g,  θ ← θ − η v                        (Polyak heavy ball)
 * - adagrad:   G ← G + g²,   θ ← θ − η g / (√G + ε)
 * - rmsprop:   s ← ρ s + (1−ρ) g²,  θ ← θ − η g / (√s + ε)
 * - adam:      m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ),
 *              θ ← θ − η m̂ / (√v̂ + ε)
 */
import { createRng, type Rng } from '../train/rng';

export const OPTIMIZER_IDS = ['gd', 'sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerId = (typeof OPTIMIZER_IDS)[number];

export interface Hyper {
  /** Momentum coefficient β. */
  beta: number;
  /** RMSprop decay ρ. */
  rho: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export const DEFAULT_HYPER: Hyper = { beta: 0.9, rho: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/** Optimizer memory: velocity / accumulators / moments, one entry per parameter. */
export interface OptState {
  /** Steps taken so far (Adam's t after a step). */
  t: number;
  /** Momentum velocity, or Adam's first moment m. */
  m: Float64Array;
  /** Adagrad's sum G, RMSprop's s, or Adam's second moment v. */
  v: Float64Array;
}

export function initState(dim: number): OptState {
  return { t: 0, m: new Float64Array(dim), v: new Float64Array(dim) };
}

/**
 * One update of `theta` in place with gradient `g` and learning rate `lr`; mutates `state`.
 * For 'sgd' pass the already-noisy gradient (see {@link noisyGradient}).
 */
export function optimizerStep(id: OptimizerId, state: OptState, theta: Float64Array | number[], g: ArrayLike<number>, lr: number, hyper: Hyper = DEFAULT_HYPER): void {
  state.t += 1;
  const { m, v } = state;
  const { eps } = hyper;
  for (let i = 0; i < theta.length; i++) {
    const gi = g[i];
    switch (id) {
      case 'gd':
      case 'sgd':
        theta[i] -= lr * gi;
        break;
      case 'momentum':
        m[i] = hyper.beta * m[i] + gi;
        theta[i] -= lr * m[i];
        break;
      case 'adagrad':
        v[i] += gi * gi;
        theta[i] -= (lr * gi) / (Math.sqrt(v[i]) + eps);
        break;
      case 'rmsprop':
        v[i] = hyper.rho * v[i] + (1 - hyper.rho) * gi * gi;
        theta[i] -= (lr * gi) / (Math.sqrt(v[i]) + eps);
        break;
      case 'adam': {
        m[i] = hyper.beta1 * m[i] + (1 - hyper.beta1) * gi;
        v[i] = hyper.beta2 * v[i] + (1 - hyper.beta2) * gi * gi;
        const mHat = m[i] / (1 - Math.pow(hyper.beta1, state.t));
        const vHat = v[i] / (1 - Math.pow(hyper.beta2, state.t));
        theta[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
        break;
      }
    }
  }
}

/** A standard normal draw (Box–Muller) from a seeded uniform generator. */
export function gaussian(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log stays finite
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** g + σ·ξ with ξ ~ N(0, I): a stand-in for the mini-batch noise of SGD. */
export function noisyGradient(g: ArrayLike<number>, sigma: number, rng: Rng): Float64Array {
  const out = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = g[i] + sigma * gaussian(rng);
  return out;
}

/** Anything with a value and a gradient at a point of the plane. */
export interface Objective2D {
  f(x: number, y: number): number;
  grad(x: number, y: number): [number, number];
}

export type RacerStatus = 'running' | 'diverged';

/** One optimizer's run through the race: position, memory, trail and loss. */
export interface Racer {
  id: OptimizerId;
  theta: Float64Array;
  state: OptState;
  /** Trail as x0, y0, x1, y1, … (the start included). */
  path: number[];
  loss: number;
  steps: number;
  status: RacerStatus;
  rng: Rng;
}

export function createRacer(id: OptimizerId, start: [number, number], fn: Objective2D, seed: number): Racer {
  return {
    id,
    theta: Float64Array.from(start),
    state: initState(2),
    path: [start[0], start[1]],
    loss: fn.f(start[0], start[1]),
    steps: 0,
    status: 'running',
    rng: createRng(seed),
  };
}

/** Beyond this distance from the start (in units of the view size) a run counts as diverged. */
const DIVERGE_FACTOR = 50;

/**
 * Advances a racer by one step on `fn`. `noise` is the SGD gradient noise σ; `scale` is the
 * size of the visible region, used to call a run diverged once it has flown far off.
 */
export function stepRacer(r: Racer, fn: Objective2D, lr: number, noise: number, scale: number, hyper: Hyper = DEFAULT_HYPER): void {
  if (r.status !== 'running') return;
  const g = fn.grad(r.theta[0], r.theta[1]);
  const grad = r.id === 'sgd' ? noisyGradient(g, noise, r.rng) : g;
  optimizerStep(r.id, r.state, r.theta, grad, lr, hyper);
  r.steps += 1;
  const [x, y] = r.theta;
  const loss = fn.f(x, y);
  const far = Math.hypot(x - r.path[0], y - r.path[1]) > DIVERGE_FACTOR * scale;
  if (!Number.isFinite(loss) || !Number.isFinite(x) || !Number.isFinite(y) || far) {
    r.status = 'diverged';
    r.loss = Number.isFinite(loss) ? loss : Infinity;
    return;
  }
  r.loss = loss;
  r.path.push(x, y);
}

/**
 * Plain SGD on a noisy quadratic L(θ) = ½ Σᵢ λᵢ θᵢ², where every step sees the gradient
 * λ ⊙ θ + σξ (ξ ~ N(0, I), a stand-in for mini-batch noise) and uses the learning rate
 * `lr(t)` for step t = 0, 1, …. Returns the noise-free loss before the first step and after
 * every step, averaged over `runs` seeded runs so the curve shows the expected behaviour:
 * fast progress while η is large, then a noise floor that scales with η.
 */
export function noisyQuadraticSgd(opts: {
  lambdas: readonly number[];
  start: readonly number[];
  sigma: number;
  steps: number;
  lr: (t: number) => number;
  runs?: number;
  seed?: number;
}): Float64Array {
  const { lambdas, start, sigma, steps } = opts;
  const runs = Math.max(1, opts.runs ?? 1);
  const out = new Float64Array(steps + 1);
  const loss = (th: Float64Array) => th.reduce((s, v, i) => s + 0.5 * lambdas[i] * v * v, 0);
  const rates = Array.from({ length: steps }, (_, t) => opts.lr(t));
  for (let r = 0; r < runs; r++) {
    const rng = createRng((opts.seed ?? 1) * 7919 + r);
    const th = Float64Array.from(start);
    out[0] += loss(th) / runs;
    for (let t = 0; t < steps; t++) {
      for (let i = 0; i < th.length; i++) th[i] -= rates[t] * (lambdas[i] * th[i] + sigma * gaussian(rng));
      // A diverging run would poison the average with NaN; keep it as "very large" instead.
      const l = loss(th);
      out[t + 1] += (Number.isFinite(l) ? Math.min(l, 1e12) : 1e12) / runs;
    }
  }
  return out;
}
