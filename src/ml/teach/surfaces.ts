/**
 * Two-dimensional test functions for the optimizer race, each with its analytic gradient,
 * its minima, a view that frames them and per-optimizer learning rates that make every
 * racer interesting there (too small and nothing moves; too large and it explodes).
 */
import type { OptimizerId } from './optimizers2d';

export const SURFACE_IDS = ['rosenbrock', 'beale', 'elongated', 'saddle', 'rastrigin'] as const;
export type SurfaceId = (typeof SURFACE_IDS)[number];

export interface View {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface Surface {
  id: SurfaceId;
  /** The formula, in TeX. */
  tex: string;
  f(x: number, y: number): number;
  grad(x: number, y: number): [number, number];
  /** Global minima (the race's finish line), and the minimum value. */
  minima: [number, number][];
  fMin: number;
  view: View;
  start: [number, number];
  /** Learning rates that race well from `start`. */
  lr: Record<OptimizerId, number>;
  /** SGD's gradient-noise σ, sized to this surface's gradients. */
  noise: number;
}

/** Rosenbrock (1960): a curved, narrow valley; minimum 0 at (1, 1). */
function rosenbrock(x: number, y: number): number {
  return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
}
function rosenbrockGrad(x: number, y: number): [number, number] {
  const r = y - x * x;
  return [-2 * (1 - x) - 400 * x * r, 200 * r];
}

/** Beale: flat plateaus and sharp ridges; minimum 0 at (3, 0.5). */
function bealeTerms(x: number, y: number): [number, number, number] {
  return [1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y];
}
function beale(x: number, y: number): number {
  const [a, b, c] = bealeTerms(x, y);
  return a * a + b * b + c * c;
}
function bealeGrad(x: number, y: number): [number, number] {
  const [a, b, c] = bealeTerms(x, y);
  return [2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1), 2 * a * x + 4 * b * x * y + 6 * c * x * y * y];
}

/** An ill-conditioned bowl: curvature 0.1 along x, 5 along y (condition number 50). */
function elongated(x: number, y: number): number {
  return 0.05 * x * x + 2.5 * y * y;
}
function elongatedGrad(x: number, y: number): [number, number] {
  return [0.1 * x, 5 * y];
}

/** A saddle at (0, 0) between two minima (0, ±1): f = x² + ¼(y² − 1)². */
function saddle(x: number, y: number): number {
  return x * x + 0.25 * (y * y - 1) ** 2;
}
function saddleGrad(x: number, y: number): [number, number] {
  return [2 * x, y * (y * y - 1)];
}

/** Rastrigin-style with A = 2 (the classic uses 10): a bowl covered in local minima; global minimum 0 at the origin. */
const RA = 2;
function rastrigin(x: number, y: number): number {
  const t = 2 * Math.PI;
  return 2 * RA + x * x - RA * Math.cos(t * x) + y * y - RA * Math.cos(t * y);
}
function rastriginGrad(x: number, y: number): [number, number] {
  const t = 2 * Math.PI;
  return [2 * x + RA * t * Math.sin(t * x), 2 * y + RA * t * Math.sin(t * y)];
}

export const SURFACES: Record<SurfaceId, Surface> = {
  rosenbrock: {
    id: 'rosenbrock',
    tex: 'f(x,y) = (1-x)^2 + 100\\,(y-x^2)^2',
    f: rosenbrock,
    grad: rosenbrockGrad,
    minima: [[1, 1]],
    fMin: 0,
    view: { x0: -2, x1: 2, y0: -1, y1: 2 },
    start: [-1.2, 1],
    lr: { gd: 0.0015, sgd: 0.0015, momentum: 0.0005, adagrad: 0.5, rmsprop: 0.01, adam: 0.05 },
    noise: 3,
  },
  beale: {
    id: 'beale',
    tex: 'f(x,y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2',
    f: beale,
    grad: bealeGrad,
    minima: [[3, 0.5]],
    fMin: 0,
    view: { x0: -1, x1: 4.5, y0: -1.5, y1: 2.5 },
    start: [1, 1.5],
    lr: { gd: 0.003, sgd: 0.003, momentum: 0.0005, adagrad: 0.3, rmsprop: 0.01, adam: 0.05 },
    noise: 3,
  },
  elongated: {
    id: 'elongated',
    tex: 'f(x,y) = 0.05\\,x^2 + 2.5\\,y^2',
    f: elongated,
    grad: elongatedGrad,
    minima: [[0, 0]],
    fMin: 0,
    view: { x0: -6, x1: 6, y0: -4, y1: 4 },
    start: [-5, 3],
    lr: { gd: 0.35, sgd: 0.35, momentum: 0.05, adagrad: 1, rmsprop: 0.05, adam: 0.2 },
    noise: 0.3,
  },
  saddle: {
    id: 'saddle',
    tex: 'f(x,y) = x^2 + \\tfrac14\\,(y^2 - 1)^2',
    f: saddle,
    grad: saddleGrad,
    minima: [
      [0, 1],
      [0, -1],
    ],
    fMin: 0,
    view: { x0: -2, x1: 2, y0: -1.5, y1: 1.5 },
    start: [-1.8, 0.001],
    lr: { gd: 0.05, sgd: 0.05, momentum: 0.01, adagrad: 0.2, rmsprop: 0.02, adam: 0.05 },
    noise: 0.3,
  },
  rastrigin: {
    id: 'rastrigin',
    tex: 'f(x,y) = 4 + x^2 - 2\\cos 2\\pi x + y^2 - 2\\cos 2\\pi y',
    f: rastrigin,
    grad: rastriginGrad,
    minima: [[0, 0]],
    fMin: 0,
    view: { x0: -5.12, x1: 5.12, y0: -3.84, y1: 3.84 },
    start: [-4.4, 3.3],
    lr: { gd: 0.01, sgd: 0.01, momentum: 0.006, adagrad: 1, rmsprop: 0.1, adam: 0.2 },
    noise: 15,
  },
};

/** Distance from (x, y) to the nearest global minimum. */
export function distanceToMin(s: Surface, x: number, y: number): number {
  return Math.min(...s.minima.map(([a, b]) => Math.hypot(x - a, y - b)));
}
