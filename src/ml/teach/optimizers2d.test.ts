import { describe, expect, it } from 'vitest';
import { createRng } from '../train/rng';
import { OPTIMIZER_IDS, createRacer, initState, noisyGradient, noisyQuadraticSgd, optimizerStep, stepRacer, type OptimizerId } from './optimizers2d';

/** Two steps from θ = 1 with gradients 0.5 then 2 and η = 0.1 (numbers worked out by hand below). */
function twoSteps(id: OptimizerId): [number, number] {
  const st = initState(1);
  const theta = [1];
  optimizerStep(id, st, theta, [0.5], 0.1);
  const first = theta[0];
  optimizerStep(id, st, theta, [2], 0.1);
  return [first, theta[0]];
}

describe('optimizer update rules (hand-computed steps)', () => {
  it('gradient descent: θ ← θ − ηg', () => {
    // 1 − 0.1·0.5 = 0.95; 0.95 − 0.1·2 = 0.75
    const [a, b] = twoSteps('gd');
    expect(a).toBeCloseTo(0.95, 12);
    expect(b).toBeCloseTo(0.75, 12);
    expect(twoSteps('sgd')).toEqual([a, b]);
  });

  it('momentum: v ← 0.9v + g, θ ← θ − ηv', () => {
    // v₁ = 0.5 → θ₁ = 0.95; v₂ = 0.45 + 2 = 2.45 → θ₂ = 0.95 − 0.245 = 0.705
    const [a, b] = twoSteps('momentum');
    expect(a).toBeCloseTo(0.95, 12);
    expect(b).toBeCloseTo(0.705, 12);
  });

  it('Adagrad: G ← G + g², θ ← θ − ηg/√G', () => {
    // G₁ = 0.25 → θ₁ = 1 − 0.05/0.5 = 0.9; G₂ = 4.25 → θ₂ = 0.9 − 0.2/√4.25 = 0.8029857
    const [a, b] = twoSteps('adagrad');
    expect(a).toBeCloseTo(0.9, 7);
    expect(b).toBeCloseTo(0.8029857, 6);
  });

  it('RMSprop: s ← 0.9s + 0.1g², θ ← θ − ηg/√s', () => {
    // s₁ = 0.025 → θ₁ = 1 − 0.05/0.1581139 = 0.6837722; s₂ = 0.0225 + 0.4 = 0.4225 = 0.65² → θ₂ = θ₁ − 0.2/0.65
    const [a, b] = twoSteps('rmsprop');
    expect(a).toBeCloseTo(0.6837722, 6);
    expect(b).toBeCloseTo(0.6837722 - 0.2 / 0.65, 6);
  });

  it('Adam with bias correction: the first step is exactly η, the second uses m̂ and v̂', () => {
    // m₁ = 0.05, v₁ = 0.00025 → m̂ = 0.5, v̂ = 0.25 → θ₁ = 1 − 0.1 = 0.9
    // m₂ = 0.045 + 0.2 = 0.245, m̂₂ = 0.245/0.19 = 1.2894737; v₂ = 0.00024975 + 0.004 = 0.00424975,
    // v̂₂ = 0.00424975/0.001999 = 2.1259380 → θ₂ = 0.9 − 0.1·1.2894737/1.4580600 = 0.8115624
    const [a, b] = twoSteps('adam');
    expect(a).toBeCloseTo(0.9, 7);
    expect(b).toBeCloseTo(0.8115624, 6);
  });

  it("Adam's first step is η whatever the gradient's size (chapter 4: g = 0.02)", () => {
    for (const g of [0.02, 3, -250]) {
      const theta = [0];
      optimizerStep('adam', initState(1), theta, [g], 0.001);
      expect(Math.abs(theta[0])).toBeCloseTo(0.001, 9);
      expect(Math.sign(theta[0])).toBe(-Math.sign(g));
    }
  });

  it('updates each coordinate independently', () => {
    const theta = new Float64Array([1, -2]);
    optimizerStep('rmsprop', initState(2), theta, [0.5, -1], 0.1);
    // both coordinates move by η/√0.1 ≈ 0.316 towards lower loss (the 45° diagonal)
    expect(theta[0]).toBeCloseTo(1 - 0.1 / Math.sqrt(0.1), 6);
    expect(theta[1]).toBeCloseTo(-2 + 0.1 / Math.sqrt(0.1), 6);
  });
});

describe('SGD gradient noise', () => {
  it('is seeded, zero-mean with standard deviation σ', () => {
    const a = noisyGradient([1, 2], 0.5, createRng(3));
    const b = noisyGradient([1, 2], 0.5, createRng(3));
    expect(Array.from(a)).toEqual(Array.from(b));
    const rng = createRng(11);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const d = noisyGradient([1], 0.5, rng)[0] - 1;
      sum += d;
      sq += d * d;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.sqrt(sq / n)).toBeCloseTo(0.5, 1);
  });
});

describe('racing on a convex bowl f = x² + 3y² + xy', () => {
  const bowl = {
    f: (x: number, y: number) => x * x + 3 * y * y + x * y,
    grad: (x: number, y: number): [number, number] => [2 * x + y, 6 * y + x],
  };
  const lr: Record<OptimizerId, number> = { gd: 0.1, sgd: 0.05, momentum: 0.03, adagrad: 0.8, rmsprop: 0.01, adam: 0.05 };

  it.each(OPTIMIZER_IDS)('%s converges to the minimum at (0, 0)', (id) => {
    const r = createRacer(id, [3, -2], bowl, 5);
    const noise = 0.05;
    for (let i = 0; i < 3000; i++) stepRacer(r, bowl, lr[id], noise, 10);
    expect(r.status).toBe('running');
    expect(r.steps).toBe(3000);
    expect(r.path.length).toBe(2 * 3001);
    const dist = Math.hypot(r.theta[0], r.theta[1]);
    // RMSprop's constant-size steps hover at ~η; SGD's noise leaves a small jitter.
    const tol = id === 'rmsprop' ? 0.02 : id === 'sgd' ? 0.05 : 1e-3;
    expect(dist).toBeLessThan(tol);
    expect(r.loss).toBeLessThan(bowl.f(3, -2) * 1e-3);
  });

  it('a learning rate above 2/λ makes gradient descent diverge', () => {
    // the largest curvature of this bowl is ≈ 6.24, so η = 0.4 > 2/6.24 is unstable
    const r = createRacer('gd', [3, -2], bowl, 1);
    for (let i = 0; i < 500; i++) stepRacer(r, bowl, 0.4, 0, 10);
    expect(r.status).toBe('diverged');
    expect(r.steps).toBeLessThan(500);
  });
});

describe('SGD on a noisy quadratic (the LR-schedule demo)', () => {
  it('without noise follows θ_t = (1 − ηλ)^t θ₀ exactly', () => {
    // λ = (1, 0.1), θ₀ = (3, 3), η = 0.1: θ₁ = (2.7, 2.97), L₁ = ½(2.7² + 0.1·2.97²) = 4.0955…
    const L = noisyQuadraticSgd({ lambdas: [1, 0.1], start: [3, 3], sigma: 0, steps: 10, lr: () => 0.1 });
    expect(L[0]).toBeCloseTo(0.5 * (9 + 0.9), 12);
    expect(L[1]).toBeCloseTo(0.5 * (2.7 ** 2 + 0.1 * 2.97 ** 2), 12);
    expect(L[10]).toBeCloseTo(0.5 * ((3 * 0.9 ** 10) ** 2 + 0.1 * (3 * 0.99 ** 10) ** 2), 12);
  });

  it('reaches a noise floor that a decaying learning rate gets below', () => {
    const steps = 1000;
    const constant = noisyQuadraticSgd({ lambdas: [1, 0.1], start: [3, 3], sigma: 1, steps, lr: () => 0.1, runs: 32 });
    const decaying = noisyQuadraticSgd({ lambdas: [1, 0.1], start: [3, 3], sigma: 1, steps, lr: (t) => 0.1 * 0.5 * (1 + Math.cos((Math.PI * t) / steps)), runs: 32 });
    const tail = (a: Float64Array) => a.slice(steps - 100).reduce((s, v) => s + v, 0) / 100;
    // The constant-η floor is about η·σ²·Σ 1/(2(2 − ηλᵢ)) ≈ 0.05.
    expect(tail(constant)).toBeGreaterThan(0.03);
    expect(tail(constant)).toBeLessThan(0.08);
    expect(tail(decaying)).toBeLessThan(tail(constant) / 3);
  });

  it('keeps a diverging run finite instead of NaN', () => {
    const L = noisyQuadraticSgd({ lambdas: [1], start: [1], sigma: 0, steps: 2000, lr: () => 3 });
    expect(L.every(Number.isFinite)).toBe(true);
    expect(L[2000]).toBe(1e12);
  });
});
