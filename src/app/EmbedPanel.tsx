import { useEffect, useMemo } from 'react';
import { PanelHost } from '../content/PanelHost';
import { useStore } from '../state/store';
import { useHashQuery } from './location';
import { Notices } from './Notices';
import { useEmbedParent } from './useEmbedParent';

/**
 * A single panel, chrome-free, for instructors' iframes. Settings come from the hash query and
 * follow it: a new query remounts the panel, since panels seed their state from settings once.
 */
export function EmbedPanel({ id }: { id: string }) {
  const setLang = useStore((s) => s.setLang);
  const params = useHashQuery();
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
  useEmbedParent(setLang);

  return (
    <main className="embed" id="main">
      <Notices />
      <PanelHost key={JSON.stringify(settings)} id={id} settings={settings} />
    </main>
  );
}
