import { useEffect, useMemo } from 'react';
import type { Lang } from './i18n';
import { allowedParentOrigin, parseEmbedMessage } from './embed';
import { useHashQuery } from './location';

/**
 * The embed side of the iframe conversation, shared by embedded panels and chapters:
 * listens for `nnlab:set-lang` from the one allowed parent origin and reports the page's
 * height to that origin only. Does nothing when not framed or when no origin is known.
 */
export function useEmbedParent(onLang: (lang: Lang) => void): void {
  const query = useHashQuery();
  // Follows the hash like the settings do; only whoever can navigate the frame can change it.
  const parent = useMemo(() => allowedParentOrigin(query, document.referrer), [query]);
  useEffect(() => {
    if (window.parent === window || !parent) return;
    const onMessage = (e: MessageEvent) => {
      const msg = parseEmbedMessage(e, parent);
      if (msg?.type === 'nnlab:set-lang') onLang(msg.lang);
    };
    window.addEventListener('message', onMessage);
    // Tell the parent our height so it can size the iframe.
    const ro = new ResizeObserver(() =>
      window.parent.postMessage({ type: 'nnlab:height', height: document.documentElement.scrollHeight }, parent),
    );
    ro.observe(document.body);
    return () => {
      window.removeEventListener('message', onMessage);
      ro.disconnect();
    };
  }, [parent, onLang]);
}
