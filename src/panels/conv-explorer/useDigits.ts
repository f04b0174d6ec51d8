import { useCallback, useEffect, useState } from 'react';
import { idbBytesCache } from '../../ml/data/idbCache';
import { DataError, loadManifest, loadSplit } from '../../ml/data/loader';
import { pickDigitPerClass, syntheticDigits, type DigitImage } from '../../ml/teach/digits';

/** The first 200 test images hold every class; the whole first shard (~1.6 MB) is fetched once and cached. */
const SCAN = 200;

export type DigitsState =
  | { status: 'loading'; loaded: number; total: number; digits: DigitImage[] }
  | { status: 'ready'; digits: DigitImage[] }
  | { status: 'error'; code: string; detail: string; digits: DigitImage[] };

const SYNTHETIC = syntheticDigits();

// Kept for the page's lifetime so a second explorer (or a remount) doesn't decode again.
let loadedDigits: DigitImage[] | null = null;

/**
 * Real MNIST test digits, one per class, loaded from the site's data. While loading, or if
 * loading fails, the built-in synthetic digits stand in so the panel always works.
 */
export function useDigits(): DigitsState & { retry(): void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<DigitsState>(() =>
    loadedDigits ? { status: 'ready', digits: loadedDigits } : { status: 'loading', loaded: 0, total: 0, digits: SYNTHETIC },
  );

  useEffect(() => {
    if (loadedDigits) {
      setState({ status: 'ready', digits: loadedDigits });
      return;
    }
    const ctrl = new AbortController();
    const opts = {
      baseUrl: new URL('data/mnist/', document.baseURI).href,
      cache: idbBytesCache(),
      signal: ctrl.signal,
      onProgress: (loaded: number, total: number) => {
        if (!ctrl.signal.aborted) setState({ status: 'loading', loaded, total, digits: SYNTHETIC });
      },
    };
    setState({ status: 'loading', loaded: 0, total: 0, digits: SYNTHETIC });
    (async () => {
      const manifest = await loadManifest(opts);
      const data = await loadSplit(manifest, 'test', { ...opts, limit: SCAN });
      const digits = pickDigitPerClass(data.images, data.labels, SCAN);
      if (digits.length === 0) throw new DataError('shape', 'no digits in the test split');
      return digits;
    })().then(
      (digits) => {
        loadedDigits = digits;
        if (!ctrl.signal.aborted) setState({ status: 'ready', digits });
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        const code = e instanceof DataError ? e.code : 'network';
        const detail = e instanceof DataError ? e.detail : String(e);
        setState({ status: 'error', code, detail, digits: SYNTHETIC });
      },
    );
    return () => ctrl.abort();
  }, [attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, retry };
}
