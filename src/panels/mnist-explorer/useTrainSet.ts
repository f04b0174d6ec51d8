/**
 * The MNIST training split on the main thread, for browsing: loaded only when asked
 * (the panel is visible or the reader clicks "load"), cached in IndexedDB by the loader,
 * kept for the page's lifetime, and with its statistics computed in chunks that yield to
 * the page between them, so nothing freezes.
 */
import { useCallback, useEffect, useState } from 'react';
import { idbBytesCache } from '../../ml/data/idbCache';
import { DataError, loadManifest, loadSplit, type MnistData } from '../../ml/data/loader';
import type { MnistManifest } from '../../ml/data/manifest';
import { computeStatsChunked, indicesByClass, type PixelStats } from '../../ml/data/stats';
import { createYielder } from '../../ml/train/macrotask';

export interface TrainSet {
  data: MnistData;
  byClass: Int32Array[];
  stats: PixelStats;
}

export type TrainSetState =
  | { status: 'idle' }
  | { status: 'loading'; loaded: number; total: number }
  | { status: 'computing'; data: MnistData; byClass: Int32Array[]; partial: PixelStats | null }
  | { status: 'ready'; set: TrainSet }
  | { status: 'error'; code: string; detail: string };

const baseUrl = () => new URL('data/mnist/', document.baseURI).href;

// One load per page: a second explorer, or a remount after a chapter change, shares it.
let shared: TrainSetState = { status: 'idle' };
let running: Promise<void> | null = null;
const listeners = new Set<(s: TrainSetState) => void>();
const publish = (s: TrainSetState) => {
  shared = s;
  listeners.forEach((l) => l(s));
};

let manifestPromise: Promise<MnistManifest> | null = null;
/** The manifest alone (a few hundred bytes): class counts before any image is loaded. */
export function getManifest(): Promise<MnistManifest> {
  manifestPromise ??= loadManifest({ baseUrl: baseUrl() }).catch((e: unknown) => {
    manifestPromise = null;
    throw e;
  });
  return manifestPromise;
}

function startLoad() {
  if (running || shared.status === 'ready') return;
  running = (async () => {
    publish({ status: 'loading', loaded: 0, total: 0 });
    const cache = idbBytesCache();
    const manifest = await getManifest();
    let last = 0;
    const data = await loadSplit(manifest, 'train', {
      baseUrl: baseUrl(),
      cache,
      onProgress: (loaded, total) => {
        const now = performance.now();
        if (loaded < total && now - last < 80) return;
        last = now;
        publish({ status: 'loading', loaded, total });
      },
    });
    const byClass = indicesByClass(data.labels, data.count);
    publish({ status: 'computing', data, byClass, partial: null });
    const yieldFn = createYielder();
    let lastPaint = 0;
    let lastPublish = 0;
    const stats = await computeStatsChunked(data.images, data.labels, data.count, {
      chunkSize: 1500,
      // A macrotask between chunks keeps input and painting responsive; a frame now and then shows the live numbers.
      yieldFn: async () => {
        await yieldFn();
        if (performance.now() - lastPaint > 120) {
          lastPaint = performance.now();
          await new Promise((r) => setTimeout(r, 16));
        }
      },
      onProgress: (partial) => {
        if (performance.now() - lastPublish < 100) return;
        lastPublish = performance.now();
        publish({ status: 'computing', data, byClass, partial });
      },
    });
    publish({ status: 'ready', set: { data, byClass, stats } });
  })()
    .catch((e: unknown) => {
      const code = e instanceof DataError ? e.code : 'network';
      const detail = e instanceof DataError ? e.detail : e instanceof Error ? e.message : String(e);
      publish({ status: 'error', code, detail });
    })
    .finally(() => {
      running = null;
    });
}

export function useTrainSet(): TrainSetState & { load(): void } {
  const [state, setState] = useState<TrainSetState>(shared);
  useEffect(() => {
    listeners.add(setState);
    setState(shared);
    return () => {
      listeners.delete(setState);
    };
  }, []);
  const load = useCallback(() => startLoad(), []);
  return { ...state, load };
}
