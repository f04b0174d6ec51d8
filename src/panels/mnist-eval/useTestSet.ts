/**
 * The MNIST test split in the main thread (10,000 images, 1.6 MB download, cached in IndexedDB),
 * shared by the evaluation, inside-the-network and drawing panels: one load per page.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { idbBytesCache } from '../../ml/data/idbCache';
import { DataError, loadManifest, loadSplit, type MnistData } from '../../ml/data/loader';

export type TestSetState =
  | { status: 'idle' }
  | { status: 'loading'; loaded: number; total: number }
  | { status: 'ready'; data: MnistData }
  | { status: 'error'; code: string; detail: string };

let state: TestSetState = { status: 'idle' };
let pending: Promise<MnistData> | null = null;
const listeners = new Set<() => void>();

function setState(s: TestSetState) {
  state = s;
  listeners.forEach((l) => l());
}

/** Starts loading (once); resolves with the split, rejects with a DataError. */
export function ensureTestSet(): Promise<MnistData> {
  if (state.status === 'ready') return Promise.resolve(state.data);
  if (!pending) {
    let last = 0;
    const opts = {
      baseUrl: new URL('data/mnist/', document.baseURI).href,
      cache: idbBytesCache(),
      onProgress: (loaded: number, total: number) => {
        const now = performance.now();
        if (loaded < total && now - last < 100) return;
        last = now;
        setState({ status: 'loading', loaded, total });
      },
    };
    setState({ status: 'loading', loaded: 0, total: 0 });
    pending = (async () => {
      const manifest = await loadManifest(opts);
      return loadSplit(manifest, 'test', opts);
    })();
    pending.then(
      (data) => setState({ status: 'ready', data }),
      (e: unknown) => {
        pending = null;
        setState({ status: 'error', code: e instanceof DataError ? e.code : 'network', detail: e instanceof Error ? e.message : String(e) });
      },
    );
  }
  return pending;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => state;

/** The test split's loading state; `load()` starts (or retries) the download. */
export function useTestSet(): TestSetState & { load(): void } {
  const s = useSyncExternalStore(subscribe, snapshot, snapshot);
  const load = useCallback(() => {
    ensureTestSet().catch(() => undefined);
  }, []);
  return { ...s, load };
}

/** The first example of each class (index into the split), and a way to step through a class. */
export function exampleOf(data: MnistData, digit: number, after = -1): number | null {
  for (let i = after + 1; i < data.count; i++) if (data.labels[i] === digit) return i;
  for (let i = 0; i <= Math.min(after, data.count - 1); i++) if (data.labels[i] === digit) return i;
  return null;
}

export function imageAt(data: MnistData, index: number): Uint8Array {
  return data.images.subarray(index * 784, (index + 1) * 784);
}
