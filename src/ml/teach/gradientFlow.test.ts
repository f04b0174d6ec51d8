import { describe, expect, it } from 'vitest';
import { activate, activationDerivative, backprop, buildNet, gradientFlow, initStd, netLoss, ACTIVATIONS } from './gradientFlow';

describe('backprop through the deep MLP', () => {
  it.each(ACTIVATIONS)('matches central differences of the loss (%s)', (activation) => {
    const net = buildNet({ depth: 4, activation, init: 'xavier', width: 5, inputs: 4, classes: 3, batch: 6, seed: 9 });
    const { dW } = backprop(net);
    const h = 1e-5;
    for (let l = 0; l < net.W.length; l++) {
      for (const k of [0, 3, net.W[l].length - 1]) {
        const w = net.W[l];
        const keep = w[k];
        w[k] = keep + h;
        const plus = netLoss(net);
        w[k] = keep - h;
        const minus = netLoss(net);
        w[k] = keep;
        const numeric = (plus - minus) / (2 * h);
        expect(Math.abs(dW[l][k] - numeric)).toBeLessThan(1e-7 + 1e-5 * Math.abs(numeric));
      }
    }
  });

  it('activation derivatives match central differences', () => {
    for (const f of ACTIVATIONS)
      for (const z of [-2.3, -0.4, 0.7, 3.1]) {
        const num = (activate(f, z + 1e-6) - activate(f, z - 1e-6)) / 2e-6;
        expect(activationDerivative(f, z)).toBeCloseTo(num, 7);
      }
    expect(activationDerivative('sigmoid', 0)).toBe(0.25);
  });

  it('uses the textbook initialisation scales', () => {
    expect(initStd('small', 784, 256)).toBe(0.01);
    expect(initStd('xavier', 784, 256)).toBeCloseTo(Math.sqrt(2 / 1040), 12);
    expect(initStd('he', 784, 256)).toBeCloseTo(0.0505, 4); // √(2/784), chapter 5
    const net = buildNet({ depth: 3, activation: 'relu', init: 'he', width: 200, inputs: 200, seed: 2 });
    const w = net.W[1];
    const s = Math.sqrt(w.reduce((a, v) => a + v * v, 0) / w.length);
    expect(s).toBeCloseTo(Math.sqrt(2 / 200), 2);
  });

  it('is deterministic for a seed', () => {
    const a = gradientFlow({ depth: 6, activation: 'tanh', init: 'xavier', seed: 4 });
    const b = gradientFlow({ depth: 6, activation: 'tanh', init: 'xavier', seed: 4 });
    const c = gradientFlow({ depth: 6, activation: 'tanh', init: 'xavier', seed: 5 });
    expect(a).toEqual(b);
    expect(c.gradNorms).not.toEqual(a.gradNorms);
    expect(a.gradNorms).toHaveLength(6);
    expect(a.actStd).toHaveLength(6);
  });
});

describe('vanishing and healthy gradients', () => {
  it.each(['small', 'xavier'] as const)('sigmoid, depth 20, %s init: the first layer gets orders of magnitude less gradient than the last', (init) => {
    const { gradNorms } = gradientFlow({ depth: 20, activation: 'sigmoid', init, seed: 1 });
    expect(gradNorms[0] / gradNorms[19]).toBeLessThan(1e-6);
    // and it shrinks layer after layer going backwards
    for (let l = 0; l < 19; l++) expect(gradNorms[l]).toBeLessThan(gradNorms[l + 1]);
  });

  it('ReLU with He init, depth 20: every layer stays within a modest factor of the last', () => {
    for (const seed of [1, 2, 3]) {
      const { gradNorms, actStd } = gradientFlow({ depth: 20, activation: 'relu', init: 'he', seed });
      const last = gradNorms[19];
      for (const g of gradNorms) {
        expect(g / last).toBeGreaterThan(0.1);
        expect(g / last).toBeLessThan(10);
      }
      // activations neither die out nor blow up
      for (const s of actStd.slice(0, 19)) {
        expect(s).toBeGreaterThan(0.1);
        expect(s).toBeLessThan(10);
      }
    }
  });

  it('ReLU with small init: the activations collapse towards 0 with depth', () => {
    const { actStd, gradNorms } = gradientFlow({ depth: 20, activation: 'relu', init: 'small', seed: 1 });
    expect(actStd[18] / actStd[0]).toBeLessThan(1e-15);
    expect(Math.max(...gradNorms)).toBeLessThan(1e-6);
  });

  it('sigmoid error terms δ shrink going backwards: by more than 4⁴ across 8 layers (σ′ ≤ ¼)', () => {
    const { deltaNorms } = gradientFlow({ depth: 10, activation: 'sigmoid', init: 'xavier', seed: 1 });
    expect(deltaNorms[0] / deltaNorms[8]).toBeLessThan(0.25 ** 4);
  });
});
