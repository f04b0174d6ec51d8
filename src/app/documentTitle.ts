import { useEffect } from 'react';
import type { Lang } from './i18n';

/** The site's name in each language: the end of every tab title. */
export const SITE_NAME: Record<Lang, string> = { zh: '神经网络实验室', en: 'NN Lab' };

/** "2. Forward pass · NN Lab"; the site name alone when there is no page title. */
export function documentTitle(lang: Lang, page?: string | null): string {
  return page ? `${page} · ${SITE_NAME[lang]}` : SITE_NAME[lang];
}

/** Keeps the tab title in step with the page shown and its language (not when `enabled` is false). */
export function useDocumentTitle(lang: Lang, page?: string | null, enabled = true): void {
  const title = documentTitle(lang, page);
  useEffect(() => {
    if (enabled) document.title = title;
  }, [title, enabled]);
}
