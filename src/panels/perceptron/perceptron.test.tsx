import type { ReactElement } from 'react';
import { renderToString as ssr } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseSettingsTable } from '../settings';
import { init, MAX_PLAY_EPOCHS, reducer, type PState } from './model';
import PerceptronPanel from './PerceptronPanel';
import { PERCEPTRON_SETTINGS } from './settings';

const fresh = (preset: 'and' | 'or' | 'xor' | 'random' = 'and'): PState => init({ preset, seed: 1, act: 'step', lr: 0.5, start: { w1: 0, w2: 0, b: 0 } });


/** Server-rendered HTML without React's text separators, so numbers can be searched for. */
const renderToString = (el: ReactElement) => ssr(el).replace(/<!-- -->/g, '');
describe('perceptron panel state', () => {
  it('Step applies the rule to one example and records it', () => {
    const s = reducer(fresh(), { type: 'steps', n: 1 });
    expect(s.train.params).toEqual({ w1: 0, w2: 0, b: -0.5 });
    expect(s.last?.index).toBe(0);
    expect(s.last?.mistake).toBe(true);
  });

  it('Epoch runs to the end of the pass; six of them converge on AND', () => {
    let s = reducer(fresh(), { type: 'steps', n: 1 });
    s = reducer(s, { type: 'epoch' });
    expect(s.train.epoch).toBe(1);
    expect(s.train.next).toBe(0);
    for (let i = 0; i < 5; i++) s = reducer(s, { type: 'epoch' });
    expect(s.train.converged).toBe(true);
    expect(s.train.params).toEqual({ w1: 1, w2: 0.5, b: -1.5 });
  });

  it('Play stops by itself at convergence, but not on XOR before the safety limit', () => {
    let s = reducer(fresh(), { type: 'play' });
    s = reducer(s, { type: 'steps', n: 1000 });
    expect(s.playing).toBe(false);
    expect(s.train.epoch).toBe(6);
    let x = reducer(fresh('xor'), { type: 'play' });
    x = reducer(x, { type: 'steps', n: 400 });
    expect(x.playing).toBe(true);
    expect(x.train.converged).toBe(false);
    x = reducer(x, { type: 'steps', n: MAX_PLAY_EPOCHS * 4 });
    expect(x.playing).toBe(false);
  });

  it('editing a weight, the data or the activation restarts the count but keeps the weights', () => {
    let s = reducer(fresh(), { type: 'epoch' });
    s = reducer(s, { type: 'param', key: 'b', value: -1 });
    expect(s.train.epoch).toBe(0);
    expect(s.train.params.b).toBe(-1);
    s = reducer(s, { type: 'add', point: { x1: 1.5, x2: 1.5, label: 1 } });
    expect(s.points).toHaveLength(5);
    expect(s.added).toBe(1);
    s = reducer(s, { type: 'clearAdded' });
    expect(s.points).toHaveLength(4);
    s = reducer(s, { type: 'act', act: 'sign' });
    expect(s.act).toBe('sign');
    expect(s.train.params.b).toBe(-1);
    s = reducer(s, { type: 'reset' });
    expect(s.train.params).toEqual({ w1: 0, w2: 0, b: 0 });
  });

  it('switching preset loads its points', () => {
    const s = reducer(fresh(), { type: 'preset', preset: 'random', seed: 3 });
    expect(s.points).toHaveLength(24);
    expect(s.seed).toBe(3);
  });
});

describe('perceptron panel settings and render', () => {
  it('parses the chapter directive and rejects bad values', () => {
    expect(parseSettingsTable(PERCEPTRON_SETTINGS, { preset: 'and' }).errors).toEqual([]);
    const bad = parseSettingsTable(PERCEPTRON_SETTINGS, { preset: 'nand', lr: '-1' });
    expect(bad.errors.map((e) => e.key)).toEqual(['preset', 'lr']);
    expect(bad.values.preset).toBe('and');
  });

  it('renders with defaults, and with bad settings shows the error box and keeps working', () => {
    const ok = renderToString(<PerceptronPanel settings={{ preset: 'xor' }} />);
    expect(ok).toContain('data-testid="perceptron-step"');
    expect(ok).not.toContain('error-box');
    const bad = renderToString(<PerceptronPanel settings={{ preset: 'nand' }} />);
    expect(bad).toContain('data-testid="error-box"');
    expect(bad).toContain('data-testid="perceptron-canvas"');
  });
});
