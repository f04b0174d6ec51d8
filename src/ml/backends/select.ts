/**
 * Picks the tfjs backend the training worker computes on.
 *
 * Order of preference is webgpu → webgl → wasm → cpu. Each backend that initialises runs a
 * short micro-benchmark (a few real training steps of the seed CNN on synthetic data); the
 * fastest wins. The result is cached per browser (userAgent + tfjs version) in IndexedDB so
 * later visits start at once. cpu is never benchmarked: one seed-CNN step takes seconds
 * there (tfjs-cpu's convolution gradients are naive loops), so it is only the last resort.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createStore, get, set } from 'idb-keyval';
import type { BackendChoice, BackendName, BackendProbe, ProbeWhy } from '../../worker/protocol';
import { BACKENDS } from '../../worker/protocol';
import { buildModel } from '../model/builder';
import { SEED_CNN } from '../model/spec';
import { syntheticMnist } from '../train/synthetic';
import { Trainer } from '../train/trainer';
import { DEFAULT_TRAIN_CONFIG } from '../train/types';
// Makes wasm able to train CNNs (Conv2DBackpropFilter etc.); harmless on other backends.
import { installFastGradients } from './wasmGradients';

export interface BackendSelection {
  backend: BackendName;
  probes: BackendProbe[];
  reason: 'fastest' | 'chosen' | 'fallback' | 'cached';
}

/** Bumped when probing changes meaning (e.g. a backend gains training kernels). */
export const PROBE_VERSION = 3; // 3: probes carry `why` for the badge's explanation

/** Cache key: results depend on the browser/GPU driver and on the tfjs build. */
export function cacheKey(userAgent: string, tfjsVersion: string): string {
  return `probe:v${PROBE_VERSION}:${tfjsVersion}:${userAgent}`;
}

/** The fastest backend that trained successfully, or null. */
export function pickFastest(probes: BackendProbe[]): BackendName | null {
  let best: BackendProbe | null = null;
  for (const p of probes) {
    if (!p.ok || p.imagesPerSec === undefined) continue;
    if (!best || p.imagesPerSec > (best.imagesPerSec ?? 0)) best = p;
  }
  return best?.name ?? null;
}

/**
 * The backend to fall back to after `current` failed: the next one in BACKENDS order that
 * was not tried yet and did not fail its probe. cpu is always a candidate (it cannot break).
 */
export function nextBackend(
  current: BackendName,
  probes: BackendProbe[],
  tried: ReadonlySet<BackendName>,
): BackendName | null {
  const start = BACKENDS.indexOf(current) + 1;
  for (const name of BACKENDS.slice(start)) {
    if (tried.has(name)) continue;
    const probe = probes.find((p) => p.name === name);
    if (name === 'cpu' || !probe || probe.ok) return name;
  }
  return null;
}

/** True for "this backend lacks a kernel" errors (e.g. stock wasm has no Conv2DBackpropFilter). */
export function isMissingKernelError(e: unknown): boolean {
  return /kernel ['"]?\w+['"]? not registered|not (yet )?implemented|not supported/i.test(String(e));
}

let wasmPathSet = false;

export type ProbeResult = { ok: true } | { ok: false; why: ProbeWhy; detail: string };

/**
 * Runs `run` with console.warn captured: tfjs warns (with a stack trace) whenever a backend
 * fails to initialise, which readers see as an error on every training start. The captured
 * lines become the reason instead; after a success they go to console.debug.
 */
async function capturingWarnings<T>(run: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    return { value: await run(), warnings };
  } finally {
    console.warn = original;
  }
}

/** Asks for a WebGPU adapter first, quietly: without one tfjs's factory would throw and log. */
async function webgpuAdapter(): Promise<ProbeResult> {
  const gpu = typeof navigator === 'undefined' ? undefined : (navigator as { gpu?: { requestAdapter(o?: object): Promise<unknown> } }).gpu;
  if (!gpu) return { ok: false, why: 'unsupported', detail: 'this browser has no WebGPU' };
  try {
    if (await gpu.requestAdapter({ powerPreference: 'high-performance' })) return { ok: true };
    return { ok: false, why: 'no-adapter', detail: 'WebGPU found no graphics adapter' };
  } catch (e) {
    return { ok: false, why: 'no-adapter', detail: String(e) };
  }
}

/** A WebGL context can be created here (worker: OffscreenCanvas; page: a canvas element). */
function webglAvailable(): boolean {
  try {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : typeof document !== 'undefined' ? document.createElement('canvas') : null;
    return !!canvas && !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

/**
 * Registers (if needed) and activates a backend, without a console warning when it cannot:
 * the reason comes back instead. webgpu is imported lazily so browsers without it never
 * download its code.
 */
export async function probeBackend(name: BackendName, wasmUrl: string): Promise<ProbeResult> {
  // (An empty wasmUrl keeps tfjs's default location: next to its JS, as under Node.)
  try {
    if (name === 'webgpu') {
      const adapter = await webgpuAdapter();
      if (!adapter.ok) return adapter;
      if (!tf.findBackendFactory('webgpu')) await import('@tensorflow/tfjs-backend-webgpu');
    }
    if (name === 'wasm' && !wasmPathSet && wasmUrl) {
      // The app serves the .wasm binaries itself (no CDN); the path must end with '/'.
      setWasmPaths(wasmUrl.endsWith('/') ? wasmUrl : `${wasmUrl}/`);
      wasmPathSet = true;
    }
    if (name === 'webgl' && !webglAvailable()) return { ok: false, why: 'unsupported', detail: 'no WebGL context here' };
    installFastGradients();
    const { value: ok, warnings } = await capturingWarnings(async () => {
      const set = await tf.setBackend(name);
      await tf.ready();
      return set && tf.getBackend() === name;
    });
    if (ok) {
      for (const w of warnings) console.debug(w);
      return { ok: true };
    }
    return { ok: false, why: 'failed', detail: warnings.join(' ').split('\n')[0].slice(0, 300) || `${name} did not start` };
  } catch (e) {
    return { ok: false, why: 'failed', detail: String(e).slice(0, 300) };
  }
}

/** probeBackend as a yes/no, for switching backends mid-run. */
export async function activateBackend(name: BackendName, wasmUrl: string): Promise<boolean> {
  return (await probeBackend(name, wasmUrl)).ok;
}

/**
 * Micro-benchmark on the active backend: trains the seed CNN on synthetic data, one warm-up
 * step (shader compilation, wasm JIT) then timed steps, for at most `budgetMs`. A backend
 * still busy at the deadline is abandoned (its run stops after the step in flight) and
 * gets an upper-bound estimate. Returns training images/s; throws when the backend cannot
 * train (missing kernel, non-finite loss).
 */
export async function benchmarkActive(opts: { budgetMs: number; batchSize?: number; maxSteps?: number }): Promise<number> {
  const bs = opts.batchSize ?? 32;
  const maxSteps = opts.maxSteps ?? 4;
  const model = buildModel(SEED_CNN, { seed: 1 });
  const times: number[] = [];
  let lastLoss = 0;
  const trainer = new Trainer({
    model,
    config: { ...DEFAULT_TRAIN_CONFIG, batchSize: bs, epochs: 1, validationSplit: 0 },
    train: syntheticMnist(bs * (maxSteps + 1), 3),
    checkpointEveryMs: Infinity,
    callbacks: {
      onBatch: (m) => {
        times.push(performance.now());
        lastLoss = m.loss;
        if (times.length > maxSteps) trainer.stop();
      },
    },
  });
  const t0 = performance.now();
  const run = trainer.run().finally(() => {
    trainer.dispose();
    model.dispose();
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), opts.budgetMs)));
  const outcome = await Promise.race([run.then(() => 'done' as const), deadline]).finally(() => clearTimeout(timer));
  if (outcome === 'late') {
    trainer.stop();
    run.catch(() => undefined);
  }
  if (!Number.isFinite(lastLoss)) throw new Error('training produced a non-finite loss');
  const now = performance.now();
  if (times.length >= 2) return ((times.length - 1) * bs * 1000) / (times[times.length - 1] - times[0]);
  // Not even two steps in the budget: at most this fast.
  return (Math.max(1, times.length) * bs * 1000) / (now - t0);
}

/**
 * Names a software GPU renderer (SwiftShader, llvmpipe...) behind the active backend, or
 * null. Such "GPUs" are CPU emulations, far slower than wasm, so auto mode skips them.
 */
export function softwareRenderer(name: BackendName): string | null {
  try {
    const b = tf.backend() as unknown as {
      adapterInfo?: { vendor?: string; architecture?: string };
      gpgpu?: { gl?: WebGLRenderingContext };
    };
    let desc = '';
    if (name === 'webgpu') desc = `${b.adapterInfo?.vendor ?? ''} ${b.adapterInfo?.architecture ?? ''}`;
    if (name === 'webgl' && b.gpgpu?.gl) {
      const gl = b.gpgpu.gl;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      desc = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    }
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(desc) ? desc.trim() : null;
  } catch {
    return null;
  }
}

/** Where probe results are remembered between visits. */
export interface ProbeCache {
  get(key: string): Promise<{ backend: BackendName; probes: BackendProbe[] } | undefined>;
  set(key: string, value: { backend: BackendName; probes: BackendProbe[] }): Promise<void>;
}

export function idbProbeCache(): ProbeCache {
  const store = createStore('nnlab-backend', 'probes');
  return { get: (k) => get(k, store), set: (k, v) => set(k, v, store) };
}

export interface SelectOptions {
  choice: BackendChoice;
  wasmUrl: string;
  cache?: ProbeCache | null;
  /** Total benchmark time across backends (ms). */
  budgetMs?: number;
  /** Ignore the cache and probe again. */
  fresh?: boolean;
  /** Injectable for tests (`activate` is the yes/no form of `probe`). */
  activate?: (name: BackendName) => Promise<boolean>;
  probe?: (name: BackendName) => Promise<ProbeResult>;
  benchmark?: (budgetMs: number) => Promise<number>;
  isSoftware?: (name: BackendName) => string | null;
  userAgent?: string;
}

/**
 * Chooses and activates a backend. With an explicit choice that works (and can train),
 * that one ('chosen'); with one that does not, the auto result ('fallback'); with 'auto',
 * the cached or freshly measured fastest ('cached' / 'fastest'); cpu when nothing else works.
 * Software-emulated GPUs are benchmarked only when no other backend can train.
 */
export async function selectBackend(opts: SelectOptions): Promise<BackendSelection> {
  const injected = opts.activate;
  const probe =
    opts.probe ??
    (injected
      ? async (n: BackendName): Promise<ProbeResult> => ((await injected(n)) ? { ok: true } : { ok: false, why: 'unsupported', detail: 'not available in this browser' })
      : (n: BackendName) => probeBackend(n, opts.wasmUrl));
  const activate = async (n: BackendName) => (await probe(n)).ok;
  const bench = opts.benchmark ?? ((ms: number) => benchmarkActive({ budgetMs: ms }));
  const isSoftware = opts.isSoftware ?? softwareRenderer;
  const budget = opts.budgetMs ?? 2000;
  const measure = async (name: BackendName, ms: number): Promise<BackendProbe> => {
    if (name === 'cpu') return { name, ok: true };
    try {
      return { name, ok: true, imagesPerSec: await bench(ms) };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const missing = isMissingKernelError(e);
      return { name, ok: false, error: missing ? `cannot train: ${msg}` : msg, why: missing ? 'cannot-train' : 'failed' };
    }
  };
  const unavailable = (name: BackendName, r: ProbeResult): BackendProbe =>
    r.ok ? { name, ok: false } : { name, ok: false, error: r.detail, why: r.why };

  if (opts.choice !== 'auto') {
    const tried = await probe(opts.choice);
    const chosen = tried.ok ? await measure(opts.choice, budget / 2) : unavailable(opts.choice, tried);
    if (chosen.ok) return { backend: opts.choice, probes: [chosen], reason: 'chosen' };
    const auto = await selectBackend({ ...opts, choice: 'auto', budgetMs: budget / 2 });
    const probes = [chosen, ...auto.probes.filter((p) => p.name !== chosen.name)];
    return { backend: auto.backend, probes, reason: 'fallback' };
  }

  const ua = opts.userAgent ?? (typeof navigator !== 'undefined' ? navigator.userAgent : 'node');
  const key = cacheKey(ua, tf.version_core);
  if (opts.cache && !opts.fresh) {
    const hit = await opts.cache.get(key).catch(() => undefined);
    if (hit && (await activate(hit.backend))) return { backend: hit.backend, probes: hit.probes, reason: 'cached' };
  }

  const probes: BackendProbe[] = [];
  const software: BackendName[] = [];
  const candidates = BACKENDS.filter((b) => b !== 'cpu');
  const started = performance.now();
  for (let i = 0; i < candidates.length; i++) {
    const name = candidates[i];
    const tried = await probe(name);
    if (!tried.ok) {
      probes.push(unavailable(name, tried));
      continue;
    }
    const sw = isSoftware(name);
    if (sw) {
      software.push(name);
      probes.push({ name, ok: false, error: `software renderer (${sw}): skipped`, why: 'software' });
      continue;
    }
    // Share what is left of the budget among the backends still to try.
    const left = Math.max(200, budget - (performance.now() - started));
    probes.push(await measure(name, left / (candidates.length - i)));
  }
  if (!pickFastest(probes)) {
    for (const name of software) {
      if (await activate(name)) probes[probes.findIndex((p) => p.name === name)] = await measure(name, budget / 2);
    }
  }
  let backend: BackendName = pickFastest(probes) ?? 'cpu';
  if (!(await activate(backend))) backend = 'cpu';
  if (backend === 'cpu') probes.push({ name: 'cpu', ok: await activate('cpu') });
  await opts.cache?.set(key, { backend, probes }).catch(() => undefined);
  return { backend, probes, reason: 'fastest' };
}

/**
 * Watches the active GPU backend for loss (WebGPU device lost, WebGL context lost).
 * `check()` returns a description once lost, else null; the trainer calls it every batch.
 */
export function watchBackendHealth(name: BackendName): { check(): string | null } {
  let lost: string | null = null;
  const backend = tf.findBackend(name) as unknown as {
    device?: { lost?: Promise<{ message?: string; reason?: string }> };
    gpgpu?: { gl?: { isContextLost(): boolean } };
  } | null;
  if (name === 'webgpu') {
    backend?.device?.lost?.then((info) => {
      lost = `WebGPU device lost (${info?.reason ?? 'unknown'}): ${info?.message ?? ''}`;
    });
  }
  const gl = name === 'webgl' ? backend?.gpgpu?.gl : undefined;
  return {
    check() {
      if (!lost && gl?.isContextLost()) lost = 'WebGL context lost';
      return lost;
    },
  };
}

/**
 * Makes the active GPU backend lose its device the way a driver reset would (WebGL:
 * WEBGL_lose_context; WebGPU: device.destroy()), so the fallback path can be exercised
 * in a real browser. Returns false when `name` is not a GPU backend or cannot be lost.
 */
export function loseGpuBackend(name: BackendName): boolean {
  const backend = tf.findBackend(name) as unknown as {
    device?: { destroy?(): void };
    gpgpu?: { gl?: WebGLRenderingContext };
  } | null;
  if (name === 'webgpu' && backend?.device?.destroy) {
    backend.device.destroy();
    return true;
  }
  const lose = name === 'webgl' ? backend?.gpgpu?.gl?.getExtension('WEBGL_lose_context') : null;
  if (!lose) return false;
  lose.loseContext();
  return true;
}
