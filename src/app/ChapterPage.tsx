import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { getChapter, listChapters, useChapterBody } from '../content/chapters';
import { ChapterSections } from '../content/ChapterSections';
import { extractToc } from '../content/slug';
import { useStore } from '../state/store';
import { ErrorBox } from '../ui/ErrorBox';
import { ChapterToc } from './ChapterToc';
import { NotFound } from './NotFound';
import { useDocumentTitle } from './documentTitle';
import { hashAnchor } from './location';
import { useScrollRegions } from './scrollRegions';
import { useText, type Lang, type TextTable } from './i18n';

const TEXT: TextTable<'prev' | 'next' | 'missing' | 'chapter' | 'loading' | 'loadFailed'> = {
  zh: { prev: '上一章', next: '下一章', missing: '这一章还没有中文版本。', chapter: '第 {n} 章', loading: '正在加载本章…', loadFailed: '本章无法加载，请刷新页面重试' },
  en: { prev: 'Previous', next: 'Next', missing: 'This chapter has no English version yet.', chapter: 'Chapter {n}', loading: 'Loading the chapter…', loadFailed: 'This chapter could not be loaded; reload the page to try again' },
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
  // The chapter's text is its own chunk (chapters.ts): null until it has loaded.
  const { body, error: bodyError } = useChapterBody(chapter);
  const toc = useMemo(() => (body ? extractToc(body.source) : []), [body]);
  const endRef = useRef<HTMLDivElement>(null);
  // The tab names the chapter in its own language: "2. Forward propagation… · NN Lab".
  useDocumentTitle(validLang ?? storeLang, chapter ? `${chapter.order}. ${chapter.title}` : null, !!chapter);
  const mainRef = useRef<HTMLElement>(null);
  useScrollRegions(mainRef);

  useEffect(() => {
    window.scrollTo(0, 0);
    const anchor = hashAnchor();
    if (anchor) setTimeout(() => document.getElementById(anchor)?.scrollIntoView(), 300);
  }, [slug, lang, body]);

  // Sections render progressively (ChapterSections): the end is only real once all are there.
  const [complete, setComplete] = useState<string | null>(null);
  const rendered = !!body && complete === body.source;
  // A chapter counts as read once its end has been on screen.
  useEffect(() => {
    const el = endRef.current;
    if (!el || !chapter || !rendered || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) markRead(chapter.slug);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [chapter, rendered, markRead]);

  if (!validLang || !chapter) return <NotFound />;
  const list = listChapters(validLang);
  const i = list.findIndex((c) => c.slug === slug);
  const prev = list[i - 1];
  const next = list[i + 1];
  const base = `#${embedded ? '/embed' : ''}/${validLang}/${slug}`;
  return (
    <div className={embedded ? 'chapter-layout embedded' : 'chapter-layout'}>
      {!embedded && toc.length > 0 ? <ChapterToc toc={toc} base={base} /> : null}
      <main ref={mainRef} className="page chapter" id="main" tabIndex={-1} data-chapter={slug} data-rendered={rendered ? 'all' : 'partial'}>
        <p className="chapter-number">{t.chapter.replace('{n}', String(chapter.order))}</p>
        <article className="prose">
          {body ? (
            <ChapterSections source={body.source} math={body.math} anchorBase={base} all={hashAnchor() !== null} onComplete={setComplete} />
          ) : bodyError ? (
            <ErrorBox title={t.loadFailed} detail={bodyError.message} />
          ) : (
            <p className="chapter-loading" role="status">
              {t.loading}
            </p>
          )}
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
