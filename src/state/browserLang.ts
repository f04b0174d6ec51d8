import type { Lang } from './slices/settings';

/**
 * The language of a first visit (nothing saved yet): the first of the reader's preferred
 * languages that the site has, so `zh-*` (zh-CN, zh-TW, zh-Hans…) gives Chinese and
 * everything else English. A chapter link's own language (#/en/...) still wins, because the
 * chapter page puts the route's language into the store.
 */
export function detectLang(languages: readonly string[] | undefined | null): Lang {
  for (const l of languages ?? []) {
    const base = l.trim().toLowerCase().split(/[-_]/)[0];
    if (base === 'zh') return 'zh';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/** detectLang on this browser's navigator.languages (English under Node). */
export function browserLang(): Lang {
  if (typeof navigator === 'undefined') return 'en';
  const list = navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
  return detectLang(list);
}
