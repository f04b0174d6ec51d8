import { describe, expect, it } from 'vitest';
import { createRng } from '../train/rng';
import { OPTIMIZER_IDS, createRacer, stepRacer } from './optimizers2d';
import { SURFACES, SURFACE_IDS, distanceToMin } from './surfaces';

const h = 1e-5;

describe.each(SURFACE_IDS)('surface %s', (id) => {
  const s = SURFACES[id];

  it('has an analytic gradient that matches central differences', () => {
    const rng = createRng(7);
    for (let k = 0; k < 25; k++) {
      const x = s.view.x0 + rng.next() * (s.view.x1 - s.view.x0);
      const y = s.view.y0 + rng.next() * (s.view.y1 - s.view.y0);
      const [gx, gy] = s.grad(x, y);
      const nx = (s.f(x + h, y) - s.f(x - h, y)) / (2 * h);
      const ny = (s.f(x, y + h) - s.f(x, y - h)) / (2 * h);
      const scale = Math.max(1, Math.abs(nx), Math.abs(ny));
      expect(Math.abs(gx - nx) / scale).toBeLessThan(1e-6);
      expect(Math.abs(gy - ny) / scale).toBeLessThan(1e-6);
    }
  });

  it('reaches its stated minimum value, with zero gradient, at every listed minimum', () => {
    for (const [x, y] of s.minima) {
      expect(s.f(x, y)).toBeCloseTo(s.fMin, 12);
      const [gx, gy] = s.grad(x, y);
      expect(Math.hypot(gx, gy)).toBeLessThan(1e-9);
      expect(distanceToMin(s, x, y)).toBe(0);
    }
  });

  it('frames the start and the minima inside its view', () => {
    const inside = ([x, y]: [number, number]) => x > s.view.x0 && x < s.view.x1 && y > s.view.y0 && y < s.view.y1;
    expect(inside(s.start)).toBe(true);
    expect(s.minima.every(inside)).toBe(true);
    expect(s.f(...s.start)).toBeGreaterThan(s.fMin);
  });

  it('gives every optimizer a learning rate that does not blow up from the start', () => {
    const scale = Math.max(s.view.x1 - s.view.x0, s.view.y1 - s.view.y0);
    for (const opt of OPTIMIZER_IDS) {
      const r = createRacer(opt, s.start, s, 3);
      for (let i = 0; i < 800; i++) stepRacer(r, s, s.lr[opt], s.noise, scale);
      expect(r.status, opt).toBe('running');
      expect(r.loss, opt).toBeLessThan(s.f(...s.start));
    }
  });
});

describe('surface specifics', () => {
  it('Rosenbrock is (1 − x)² + 100(y − x²)²', () => {
    expect(SURFACES.rosenbrock.f(0, 0)).toBe(1);
    expect(SURFACES.rosenbrock.f(-1.2, 1)).toBeCloseTo(24.2, 10);
    expect(SURFACES.rosenbrock.grad(0, 0)).toEqual([-2, 0]);
  });

  it('Beale is 14.203125 at the origin', () => {
    expect(SURFACES.beale.f(0, 0)).toBeCloseTo(1.5 ** 2 + 2.25 ** 2 + 2.625 ** 2, 12);
  });

  it('the saddle surface has a stationary point at (0, 0) that is not a minimum', () => {
    const s = SURFACES.saddle;
    expect(Math.hypot(...s.grad(0, 0))).toBe(0);
    expect(s.f(0, 0)).toBe(0.25);
    expect(s.f(0, 0.1)).toBeLessThan(s.f(0, 0)); // downhill along y
    expect(s.f(0.1, 0)).toBeGreaterThan(s.f(0, 0)); // uphill along x
  });

  it('Rastrigin-style surface traps plain gradient descent in a local minimum', () => {
    const s = SURFACES.rastrigin;
    const r = createRacer('gd', s.start, s, 1);
    for (let i = 0; i < 1000; i++) stepRacer(r, s, s.lr.gd, 0, 10);
    expect(Math.hypot(...s.grad(r.theta[0], r.theta[1]))).toBeLessThan(1e-6);
    expect(r.loss).toBeGreaterThan(1);
  });

  it('with its default learning rates, Adam finishes Rosenbrock within 2000 steps and beats plain GD', () => {
    const s = SURFACES.rosenbrock;
    const adam = createRacer('adam', s.start, s, 1);
    const gd = createRacer('gd', s.start, s, 1);
    for (let i = 0; i < 2000; i++) {
      stepRacer(adam, s, s.lr.adam, 0, 4);
      stepRacer(gd, s, s.lr.gd, 0, 4);
    }
    expect(distanceToMin(s, adam.theta[0], adam.theta[1])).toBeLessThan(1e-3);
    expect(gd.loss).toBeGreaterThan(adam.loss);
  });
});
