import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import type { BackendName, BackendProbe } from '../../worker/protocol';
import {
  activateBackend,
  benchmarkActive,
  cacheKey,
  isMissingKernelError,
  nextBackend,
  pickFastest,
  probeBackend,
  selectBackend,
  type ProbeCache,
} from './select';

const probes: BackendProbe[] = [
  { name: 'webgpu', ok: false, error: 'not available' },
  { name: 'webgl', ok: true, imagesPerSec: 900 },
  { name: 'wasm', ok: true, imagesPerSec: 1200 },
];

describe('pure parts', () => {
  it('pickFastest ignores failed probes', () => {
    expect(pickFastest(probes)).toBe('wasm');
    expect(pickFastest([{ name: 'webgl', ok: false, imagesPerSec: 5000 }])).toBeNull();
    expect(pickFastest([])).toBeNull();
  });

  it('nextBackend walks forward in order, skipping tried and failed ones; cpu is the last resort', () => {
    expect(nextBackend('webgl', probes, new Set(['webgl']))).toBe('wasm');
    expect(nextBackend('webgpu', probes, new Set(['webgpu']))).toBe('webgl');
    expect(nextBackend('webgl', [...probes.slice(0, 2), { name: 'wasm', ok: false }], new Set(['webgl']))).toBe('cpu');
    expect(nextBackend('wasm', probes, new Set(['wasm', 'cpu']))).toBeNull();
    expect(nextBackend('cpu', probes, new Set(['cpu']))).toBeNull();
  });

  it('cacheKey depends on browser and tfjs version', () => {
    expect(cacheKey('UA1', '4.22.0')).not.toBe(cacheKey('UA2', '4.22.0'));
    expect(cacheKey('UA1', '4.22.0')).not.toBe(cacheKey('UA1', '4.23.0'));
  });

  it('recognises missing-kernel errors', () => {
    expect(isMissingKernelError(new Error("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'"))).toBe(true);
    expect(isMissingKernelError(new Error('out of memory'))).toBe(false);
  });
});

/** selectBackend with fake backends: `speeds` (images/s, an Error = cannot train, undefined = unavailable). */
function fakes(speeds: Partial<Record<BackendName, number | Error>>, software: BackendName[] = []) {
  let active: BackendName = 'cpu';
  const benched: BackendName[] = [];
  return {
    benched,
    activate: async (n: BackendName) => {
      if (n !== 'cpu' && speeds[n] === undefined) return false;
      active = n;
      return true;
    },
    benchmark: async () => {
      benched.push(active);
      const v = speeds[active];
      if (v instanceof Error) throw v;
      return v ?? 1;
    },
    isSoftware: (n: BackendName) => (software.includes(n) ? 'SwiftShader' : null),
  };
}

function memoryCache(): ProbeCache & { map: Map<string, unknown> } {
  const map = new Map();
  return { map, get: async (k) => map.get(k), set: async (k, v) => void map.set(k, v) };
}

describe('selectBackend', () => {
  const base = { wasmUrl: '/tfjs-wasm/', userAgent: 'test' };

  it('auto: benchmarks every available backend but cpu and picks the fastest, then caches it', async () => {
    const f = fakes({ webgl: 500, wasm: 800 });
    const cache = memoryCache();
    const sel = await selectBackend({ ...base, choice: 'auto', cache, ...f });
    expect(sel).toMatchObject({ backend: 'wasm', reason: 'fastest' });
    expect(f.benched).toEqual(['webgl', 'wasm']);
    expect(sel.probes.map((p) => [p.name, p.ok])).toEqual([
      ['webgpu', false],
      ['webgl', true],
      ['wasm', true],
    ]);
    const again = await selectBackend({ ...base, choice: 'auto', cache, ...fakes({ webgl: 500, wasm: 800 }) });
    expect(again).toMatchObject({ backend: 'wasm', reason: 'cached' });
  });

  it('a backend that cannot train is not chosen; nothing trains → cpu', async () => {
    const noGrad = new Error("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'");
    const sel = await selectBackend({ ...base, choice: 'auto', ...fakes({ wasm: noGrad }) });
    expect(sel.backend).toBe('cpu');
    expect(sel.probes.find((p) => p.name === 'wasm')).toMatchObject({ ok: false, error: expect.stringMatching(/^cannot train/) });
    expect(sel.probes.at(-1)).toEqual({ name: 'cpu', ok: true });
  });

  it('skips software GPUs unless nothing else can train', async () => {
    const f = fakes({ webgl: 50, wasm: 400 }, ['webgl']);
    const sel = await selectBackend({ ...base, choice: 'auto', ...f });
    expect(sel.backend).toBe('wasm');
    expect(f.benched).toEqual(['wasm']);
    expect(sel.probes[1]).toMatchObject({ name: 'webgl', ok: false, error: expect.stringMatching(/software/) });

    const g = fakes({ webgl: 50, wasm: new Error('nope') }, ['webgl']);
    expect((await selectBackend({ ...base, choice: 'auto', ...g })).backend).toBe('webgl');
  });

  it('honours an explicit choice, or falls back when it fails', async () => {
    expect(await selectBackend({ ...base, choice: 'webgl', ...fakes({ webgl: 10, wasm: 800 }) })).toMatchObject({
      backend: 'webgl',
      reason: 'chosen',
    });
    const sel = await selectBackend({ ...base, choice: 'webgpu', ...fakes({ wasm: 800 }) });
    expect(sel).toMatchObject({ backend: 'wasm', reason: 'fallback' });
    expect(sel.probes[0]).toMatchObject({ name: 'webgpu', ok: false });
  });

  it('keeps the reason a backend was not used, for the badge to explain', async () => {
    const f = fakes({ webgl: 100, wasm: 800 }, ['webgl']);
    const probe = async (n: BackendName) =>
      n === 'webgpu' ? ({ ok: false, why: 'no-adapter', detail: 'WebGPU found no graphics adapter' } as const) : { ok: (await f.activate(n)) as true };
    const sel = await selectBackend({ ...base, choice: 'auto', ...f, probe });
    expect(sel.backend).toBe('wasm');
    expect(sel.probes.map((p) => [p.name, p.why])).toEqual([
      ['webgpu', 'no-adapter'],
      ['webgl', 'software'],
      ['wasm', undefined],
    ]);
  });
});

describe('real backends under Node', () => {
  it('wasm trains the seed CNN (fast gradients installed) and reports images/s', async () => {
    expect(await activateBackend('wasm', '')).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    // A generous budget: past it the run would be abandoned and still hold tensors.
    const ips = await benchmarkActive({ budgetMs: 50_000, batchSize: 16, maxSteps: 2 });
    expect(ips).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 90_000);

  it('webgpu and webgl are unavailable here, and say why without a console warning', async () => {
    const warn = vi.spyOn(console, 'warn');
    expect(await probeBackend('webgpu', '')).toMatchObject({ ok: false, why: 'unsupported' });
    expect(await probeBackend('webgl', '')).toMatchObject({ ok: false, why: 'unsupported' });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(await activateBackend('webgpu', '')).toBe(false);
    expect(await activateBackend('cpu', '')).toBe(true);
  });
});
