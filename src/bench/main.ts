/**
 * The benchmark page (bench.html). It runs one module Web Worker per backend
 * (bench.worker.ts, which trains through the app's Trainer), renders a live counter from the
 * worker's per-batch messages as the app's panels do, and watches its own main thread:
 * PerformanceObserver 'longtask' entries and gaps between animation frames.
 * scripts/bench.mjs drives it through window.__bench.
 */
import type { BackendName } from '../worker/protocol';
import type { BaselineOptions, BaselineResult } from './baseline';
import type { BackendResult, BenchCommand, BenchEvent, FullEpoch, FullResult, MeasureOptions } from './protocol';

/** The page's main thread over a window of time. */
export interface MainThreadStats {
  /** Longest PerformanceObserver 'longtask' entry (0 = none ≥ 50 ms). */
  maxLongTaskMs: number;
  longTasks: number;
  /** The longest few long tasks, ms. */
  longTaskMs: number[];
  /** Those long tasks' start, ms after the window opened. */
  longTaskAtMs: number[];
  /** Longest gap between animation frames (the page redraws a clock every frame). */
  maxFrameGapMs: number;
  /** The longest time the page's own per-message handler took (worker runs), ms. */
  maxHandlerMs: number;
}

export type MeasureOutcome = (BackendResult & MainThreadStats) | { backend: BackendName; error: string; renderer?: string | null };
export type BaselineOutcome = (BaselineResult & MainThreadStats & { maxLongTaskMsSteady: number }) | { error: string };

export interface BenchApi {
  measure(backend: BackendName, opts: MeasureOptions): Promise<MeasureOutcome>;
  baseline(opts: BaselineOptions): Promise<BaselineOutcome>;
  full(backend: BackendName, epochs: number): Promise<FullResult>;
  /** The main thread's long tasks and frame gaps over `seconds` with no worker (a control). */
  idle(seconds: number): Promise<MainThreadStats>;
  info(): { userAgent: string; hardwareConcurrency: number; deviceMemory: number | null; crossOriginIsolated: boolean };
}

declare global {
  interface Window {
    __bench?: BenchApi;
  }
}

const $ = (id: string) => document.getElementById(id)!;
const assetUrl = (path: string) => new URL(path, document.baseURI).href;
const report = (text: string) => {
  console.log(`[bench] ${text}`);
  $('log').textContent = `${text}\n${$('log').textContent ?? ''}`.slice(0, 4000);
};

// ---- main-thread watchers ---------------------------------------------------------------
const longTasks: { start: number; duration: number }[] = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  report('longtask observer unavailable');
}

const frames: number[] = [];
const handlerTimes: { start: number; ms: number }[] = [];
let liveSteps = 0;
let liveRate = 0;
let phaseText = 'idle';
const t0 = performance.now();
function frame(t: number) {
  frames.push(t);
  if (frames.length > 200_000) frames.splice(0, 100_000);
  $('clock').textContent = `${((t - t0) / 1000).toFixed(1)} s`;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

function renderCounter() {
  $('counter').textContent = `${phaseText} · step ${liveSteps} · ${liveRate.toFixed(1)} img/s`;
}

function statsIn(start: number, end: number): MainThreadStats {
  const inWindow = longTasks.filter((t) => t.start < end && t.start + t.duration > start).sort((a, b) => b.duration - a.duration);
  const max = inWindow.length ? inWindow[0].duration : 0;
  const count = inWindow.length;
  const top = inWindow.slice(0, 5);
  let handler = 0;
  for (const h of handlerTimes) if (h.start >= start && h.start <= end) handler = Math.max(handler, h.ms);
  let gap = 0;
  let prev = NaN;
  for (const f of frames) {
    if (f < start) {
      prev = f;
      continue;
    }
    if (f > end) {
      // The frame after the window closes the last gap.
      if (!Number.isNaN(prev)) gap = Math.max(gap, Math.min(f, end) - prev);
      break;
    }
    if (!Number.isNaN(prev)) gap = Math.max(gap, f - prev);
    prev = f;
  }
  return {
    maxLongTaskMs: Math.round(max),
    longTasks: count,
    longTaskMs: top.map((t) => Math.round(t.duration)),
    longTaskAtMs: top.map((t) => Math.round(t.start - start)),
    maxFrameGapMs: Math.round(gap),
    maxHandlerMs: Math.round(handler * 100) / 100,
  };
}

function addRow(cells: (string | number)[]) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = String(c);
    tr.appendChild(td);
  }
  $('rows').appendChild(tr);
}

// ---- worker runs --------------------------------------------------------------------------
function startWorker(cmd: BenchCommand, onEvent: (ev: BenchEvent, done: (err?: Error) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'nnlab-bench' });
    const done = (err?: Error) => {
      worker.terminate();
      if (err) reject(err);
      else resolve();
    };
    worker.onmessage = (e: MessageEvent<BenchEvent>) => {
      const h0 = performance.now();
      try {
        handle(e.data);
      } finally {
        const ms = performance.now() - h0;
        if (handlerTimes.length > 100_000) handlerTimes.splice(0, 50_000);
        handlerTimes.push({ start: h0, ms });
      }
    };
    const handle = (ev: BenchEvent) => {
      if (ev.type === 'log') report(ev.text);
      if (ev.type === 'batch') {
        liveSteps = ev.step + 1;
        liveRate = ev.imagesPerSec;
        renderCounter();
      }
      if (ev.type === 'error') return done(new Error(ev.detail));
      onEvent(ev, done);
    };
    worker.onerror = (e) => done(new Error(e.message || 'worker failed to load'));
    worker.postMessage(cmd);
  });
}

async function measure(backend: BackendName, opts: MeasureOptions): Promise<MeasureOutcome> {
  phaseText = `${backend}: starting`;
  renderCounter();
  let trainStart = NaN;
  let trainEnd = NaN;
  let result: MeasureOutcome | null = null;
  let renderer: string | null = null;
  try {
    await startWorker({ type: 'measure', backend, dataUrl: assetUrl('data/mnist/'), wasmUrl: assetUrl('tfjs-wasm/'), opts }, (ev, done) => {
      if (ev.type === 'ready') {
        renderer = ev.renderer;
        if (!ev.ok) {
          result = { backend, error: ev.error ?? 'did not initialise', renderer: null };
          return done();
        }
        report(`${backend} ready${ev.renderer ? ` (${ev.renderer})` : ''}`);
      }
      if (ev.type === 'phase') {
        if (ev.phase === 'train') trainStart = performance.now();
        else trainEnd = performance.now();
        phaseText = `${backend}: ${ev.phase === 'train' ? 'training' : 'inference'}`;
      }
      if (ev.type === 'measured') {
        result = { ...ev.result, ...statsIn(trainStart, Number.isNaN(trainEnd) ? performance.now() : trainEnd) };
        done();
      }
    });
  } catch (e) {
    result = { backend, error: e instanceof Error ? e.message : String(e), renderer };
  }
  // (Assigned in callbacks, which TypeScript's narrowing does not see.)
  const r: MeasureOutcome = (result as MeasureOutcome | null) ?? { backend, error: 'worker ended without a result', renderer };
  if ('error' in r) addRow([backend, 'n/a', r.error, '', '', '']);
  else addRow([backend, r.trainImagesPerSec.toFixed(1), r.forwardImagesPerSec.toFixed(1), r.numTensorsDelta, r.maxLongTaskMs, r.maxFrameGapMs]);
  phaseText = 'idle';
  renderCounter();
  return r;
}

async function baseline(opts: BaselineOptions): Promise<BaselineOutcome> {
  phaseText = 'baseline: main-thread model.fit';
  renderCounter();
  try {
    const { runBaseline } = await import('./baseline');
    const r = await runBaseline(assetUrl('data/mnist/'), opts, (step) => {
      liveSteps = step;
      renderCounter();
    });
    const all = statsIn(r.windows.warmup[0], r.windows.timed[1]);
    const steady = statsIn(r.windows.timed[0], r.windows.timed[1]);
    addRow([`baseline (${r.backend}, main thread)`, r.trainImagesPerSec.toFixed(1), '', '', all.maxLongTaskMs, all.maxFrameGapMs]);
    return { ...r, ...all, maxLongTaskMsSteady: steady.maxLongTaskMs };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    phaseText = 'idle';
    renderCounter();
  }
}

async function full(backend: BackendName, epochs: number): Promise<FullResult> {
  phaseText = `full run on ${backend}`;
  let result: FullResult | null = null;
  const list: FullEpoch[] = [];
  await startWorker({ type: 'full', backend, dataUrl: assetUrl('data/mnist/'), wasmUrl: assetUrl('tfjs-wasm/'), opts: { epochs } }, (ev, done) => {
    if (ev.type === 'epoch') {
      list.push(ev.epoch);
      const e = ev.epoch;
      report(
        `epoch ${e.epoch}/${epochs}: test accuracy ${(e.testAcc * 100).toFixed(2)}%, train loss ${e.trainLoss.toFixed(4)}, ` +
          `${e.seconds.toFixed(1)} s (${e.imagesPerSec.toFixed(0)} img/s)`,
      );
    }
    if (ev.type === 'full') {
      result = ev.result;
      done();
    }
  });
  phaseText = 'idle';
  renderCounter();
  const r = result as FullResult | null;
  if (!r) throw new Error('full run ended without a result');
  return r;
}

async function idle(seconds: number): Promise<MainThreadStats> {
  phaseText = 'idle (control)';
  renderCounter();
  const start = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  phaseText = 'idle';
  renderCounter();
  return statsIn(start, performance.now());
}

window.__bench = {
  measure,
  baseline,
  full,
  idle,
  info: () => ({
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    deviceMemory: (navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? null,
    crossOriginIsolated: self.crossOriginIsolated,
  }),
};
renderCounter();
report('bench page ready');
