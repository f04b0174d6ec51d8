import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { useText, type TextTable } from '../app/i18n';
import { ErrorBox } from '../ui/ErrorBox';
import { KATEX_OPTIONS, mathKey } from './katexOptions';

export { KATEX_OPTIONS } from './katexOptions';

const TEXT: TextTable<'bad' | 'unavailable'> = {
  zh: { bad: '公式无法解析', unavailable: '公式渲染器加载失败' },
  en: { bad: 'This formula could not be parsed', unavailable: 'The formula renderer could not be loaded' },
};

/** A chapter's formulas, pre-rendered by KaTeX at build time (chapterBuild.ts); Markdown provides it. */
export const PrerenderedMath = createContext<Record<string, string> | null>(null);

type Katex = typeof import('katex').default;
let katexLib: Katex | null = null;
let katexPromise: Promise<Katex> | null = null;

/** KaTeX is large: it loads on the first formula that was not pre-rendered (panels, the playground). */
export function loadKatex(): Promise<Katex> {
  katexPromise ??= import('katex').then((m) => (katexLib = m.default));
  katexPromise.catch(() => (katexPromise = null));
  return katexPromise;
}

/** null while KaTeX is not loaded yet. */
export function renderTex(tex: string, displayMode: boolean): { html: string } | { error: string } | null {
  if (!katexLib) return null;
  try {
    return { html: katexLib.renderToString(tex, { ...KATEX_OPTIONS, displayMode }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function MathTex({ tex, display }: { tex: string; display: boolean }) {
  const t = useText(TEXT);
  const pre = useContext(PrerenderedMath)?.[mathKey(tex, display)];
  const [ready, setReady] = useState(katexLib !== null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const needKatex = pre === undefined && !ready;
  useEffect(() => {
    if (!needKatex) return;
    let alive = true;
    loadKatex().then(
      () => alive && setReady(true),
      (e: unknown) => alive && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
    };
  }, [needKatex]);
  const out = useMemo(() => (pre !== undefined ? { html: pre } : ready ? renderTex(tex, display) : null), [pre, ready, tex, display]);
  const Tag = display ? 'div' : 'span';
  const cls = display ? 'math-display' : 'math-inline';
  if (loadError) return <ErrorBox inline={!display} title={t.unavailable} detail={`${tex} — ${loadError}`} />;
  // Until KaTeX arrives, the TeX source stands in for the formula.
  if (!out) return <Tag className={`${cls} math-pending`}>{tex}</Tag>;
  if ('error' in out) return <ErrorBox inline={!display} title={t.bad} detail={`${tex} — ${out.error}`} />;
  // KaTeX output is generated from the TeX source with trust off (here or at build time): it contains no user HTML.
  return <Tag className={cls} dangerouslySetInnerHTML={{ __html: out.html }} />;
}
