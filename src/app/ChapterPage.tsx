import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'wouter';
import { getChapter, listChapters } from '../content/chapters';
import { Markdown } from '../content/Markdown';
import { extractToc } from '../content/slug';
import { useStore } from '../state/store';
import { NotFound } from './NotFound';
import { hashAnchor } from './location';
import { useText, type Lang, type TextTable } from './i18n';

const TEXT: TextTable<'toc' | 'prev' | 'next' | 'missing' | 'chapter'> = {
  zh: { toc: '本章内容', prev: '上一章', next: '下一章', missing: '这一章还没有中文版本。', chapter: '第 {n} 章' },
  en: { toc: 'In this chapter', prev: 'Previous', next: 'Next', missing: 'This chapter has no English version yet.', chapter: 'Chapter {n}' },
};

export function ChapterPage({ lang, slug, embedded = false }: { lang: string; slug: string; embedded?: boolean }) {
  const storeLang = useStore((s) => s.settings.lang);
  const setLang = useStore((s) => s.setLang);
  const markRead = useStore((s) => s.markRead);
  const validLang = lang === 'zh' || lang === 'en' ? (lang as Lang) : null;
  // The URL names the language; keep the UI language in step with it.
  useEffect(() => {
    if (validLang && validLang !== storeLang) setLang(validLang);
  }, [validLang, storeLang, setLang]);
  const t = useText(TEXT);
  const chapter = validLang ? getChapter(validLang, slug) : undefined;
  const toc = useMemo(() => (chapter ? extractToc(chapter.source) : []), [chapter]);
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    window.scrollTo(0, 0);
    const anchor = hashAnchor();
    if (anchor) setTimeout(() => document.getElementById(anchor)?.scrollIntoView(), 300);
  }, [slug, lang]);

  // A chapter counts as read once its end has been on screen.
  useEffect(() => {
    const el = endRef.current;
    if (!el || !chapter || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) markRead(chapter.slug);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [chapter, markRead]);

  if (!validLang || !chapter) return <NotFound />;
  const list = listChapters(validLang);
  const i = list.findIndex((c) => c.slug === slug);
  const prev = list[i - 1];
  const next = list[i + 1];
  const base = `#${embedded ? '/embed' : ''}/${validLang}/${slug}`;
  return (
    <div className={embedded ? 'chapter-layout embedded' : 'chapter-layout'}>
      {!embedded && toc.length > 0 ? (
        <nav className="toc" aria-label={t.toc}>
          <p className="toc-title">{t.toc}</p>
          <ul>
            {toc.map((h) => (
              <li key={h.id} className={`toc-${h.depth}`}>
                <a
                  href={`${base}~${h.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(h.id)?.scrollIntoView({ behavior: 'smooth' });
                  }}
                >
                  {h.text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main className="page chapter" id="main" tabIndex={-1} data-chapter={slug}>
        <p className="chapter-number">{t.chapter.replace('{n}', String(chapter.order))}</p>
        <article className="prose">
          <Markdown source={chapter.source} anchorBase={base} />
        </article>
        <div ref={endRef} className="chapter-end" />
        {!embedded ? (
          <nav className="prev-next" aria-label={`${t.prev} / ${t.next}`}>
            {prev ? (
              <Link className="prev" href={`/${validLang}/${prev.slug}`}>
                ← {t.prev}: {prev.title}
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link className="next" href={`/${validLang}/${next.slug}`}>
                {t.next}: {next.title} →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </main>
    </div>
  );
}
