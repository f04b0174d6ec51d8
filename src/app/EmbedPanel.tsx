import { useEffect, useMemo } from 'react';
import { PanelHost } from '../content/PanelHost';
import { useStore } from '../state/store';
import { allowedParentOrigin, parseEmbedMessage } from './embed';
import { hashQuery } from './location';
import { Notices } from './Notices';

/** A single panel, chrome-free, for instructors' iframes. Settings come from the hash query. */
export function EmbedPanel({ id }: { id: string }) {
  const setLang = useStore((s) => s.setLang);
  const params = useMemo(() => hashQuery(), []);
  const parent = useMemo(() => allowedParentOrigin(params, document.referrer), [params]);
  const settings = useMemo(() => {
    const s: Record<string, string> = {};
    params.forEach((v, k) => {
      if (k !== 'lang' && k !== 'origin' && k !== 'backend') s[k] = v;
    });
    return s;
  }, [params]);

  useEffect(() => {
    const lang = params.get('lang');
    if (lang === 'zh' || lang === 'en') setLang(lang);
  }, [params, setLang]);

  useEffect(() => {
    if (window.parent === window || !parent) return;
    const onMessage = (e: MessageEvent) => {
      const msg = parseEmbedMessage(e, parent);
      if (msg?.type === 'nnlab:set-lang') setLang(msg.lang);
    };
    window.addEventListener('message', onMessage);
    // Tell the parent our height so it can size the iframe; only to the allowed origin.
    const ro = new ResizeObserver(() =>
      window.parent.postMessage({ type: 'nnlab:height', height: document.documentElement.scrollHeight }, parent),
    );
    ro.observe(document.body);
    return () => {
      window.removeEventListener('message', onMessage);
      ro.disconnect();
    };
  }, [parent, setLang]);

  return (
    <main className="embed" id="main">
      <Notices />
      <PanelHost id={id} settings={settings} />
    </main>
  );
}
