import katex from 'katex';
import { useMemo } from 'react';
import { useText, type TextTable } from '../app/i18n';
import { ErrorBox } from '../ui/ErrorBox';

const TEXT: TextTable<'bad'> = {
  zh: { bad: '公式无法解析' },
  en: { bad: 'This formula could not be parsed' },
};

/** KaTeX options: trust off (no \href, \htmlClass…), strict errors surface as our error box. */
export const KATEX_OPTIONS = { throwOnError: true, trust: false, strict: 'ignore', output: 'htmlAndMathml' } as const;

export function renderTex(tex: string, displayMode: boolean): { html: string } | { error: string } {
  try {
    return { html: katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function MathTex({ tex, display }: { tex: string; display: boolean }) {
  const t = useText(TEXT);
  const out = useMemo(() => renderTex(tex, display), [tex, display]);
  if ('error' in out) return <ErrorBox inline={!display} title={t.bad} detail={`${tex} — ${out.error}`} />;
  const Tag = display ? 'div' : 'span';
  // KaTeX output is generated from the TeX source with trust off: it contains no user HTML.
  return <Tag className={display ? 'math-display' : 'math-inline'} dangerouslySetInnerHTML={{ __html: out.html }} />;
}
