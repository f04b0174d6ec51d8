import { useCallback } from 'react';
import { ChapterPage } from './ChapterPage';
import type { Lang } from './i18n';
import { Notices } from './Notices';
import { useEmbedParent } from './useEmbedParent';

/** A whole chapter without the site chrome. The URL names the language, so set-lang navigates. */
export function EmbedChapter({ lang, slug }: { lang: string; slug: string }) {
  const onLang = useCallback(
    (l: Lang) => {
      // Keep `?origin=` and other query parameters: they are what allows the parent. Not wouter's
      // navigate(): it moves a `?query` out of the hash into location.search, losing `origin`.
      const q = location.hash.indexOf('?');
      location.replace(`#/embed/${l}/${slug}${q >= 0 ? location.hash.slice(q) : ''}`);
    },
    [slug],
  );
  useEmbedParent(onLang);
  return (
    <>
      <Notices />
      <ChapterPage lang={lang} slug={slug} embedded />
    </>
  );
}
