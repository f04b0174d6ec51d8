/**
 * The chapter index: every content/<lang>/NN-slug.md file. The number prefix orders chapters;
 * the first `# ` heading is the title. The index (titles, quiz ids) is bundled with the app;
 * each chapter's body (Markdown + pre-rendered formulas, see chapterPlugin.ts) is its own chunk,
 * loaded when its page opens, so the first page downloads one chapter, not fourteen.
 */
import { useEffect, useState } from 'react';
import type { Lang } from '../state/slices/settings';
import type { ChapterBody, ChapterMeta } from './chapterBuild';

export type { ChapterBody } from './chapterBuild';

const metas = import.meta.glob('/content/*/*.md', { query: '?chapter-meta', import: 'default', eager: true }) as Record<string, ChapterMeta>;
const bodyLoaders = import.meta.glob('/content/*/*.md', { query: '?chapter', import: 'default' }) as Record<string, () => Promise<ChapterBody>>;

export interface Chapter {
  slug: string;
  lang: Lang;
  title: string;
  order: number;
  quizIds: string[];
  /** The key of its body loader (the file's path). */
  path: string;
}

export function parseChapterPath(path: string): { lang: string; slug: string; order: number } | null {
  const m = /\/content\/([a-z]{2})\/((\d+)-[a-z0-9-]+)\.md$/.exec(path);
  return m ? { lang: m[1], slug: m[2], order: Number(m[3]) } : null;
}

const all: Chapter[] = Object.entries(metas)
  .map(([path, meta]) => {
    const p = parseChapterPath(path);
    if (!p || (p.lang !== 'zh' && p.lang !== 'en')) return null;
    return { slug: p.slug, lang: p.lang as Lang, order: p.order, title: meta.title, quizIds: meta.quizIds, path };
  })
  .filter((c): c is Chapter => c !== null)
  .sort((a, b) => a.order - b.order);

export function listChapters(lang: Lang): Chapter[] {
  return all.filter((c) => c.lang === lang);
}

export function getChapter(lang: Lang, slug: string): Chapter | undefined {
  return all.find((c) => c.lang === lang && c.slug === slug);
}

export function allChapters(): Chapter[] {
  return all;
}

const bodies = new Map<string, ChapterBody>();
const pending = new Map<string, Promise<ChapterBody>>();

/** Loads a chapter's body once; a failed load (network) may be tried again. */
export function loadChapterBody(chapter: Chapter): Promise<ChapterBody> {
  let p = pending.get(chapter.path);
  if (!p) {
    const load = bodyLoaders[chapter.path];
    p = load().then((b) => {
      bodies.set(chapter.path, b);
      return b;
    });
    p.catch(() => pending.delete(chapter.path));
    pending.set(chapter.path, p);
  }
  return p;
}

/** The chapter's body: null while it loads (at once on a revisit), or the error that stopped it. */
export function useChapterBody(chapter: Chapter | undefined): { body: ChapterBody | null; error: Error | null } {
  const [, loaded] = useState(0);
  const [failed, setFailed] = useState<{ path: string; error: Error } | null>(null);
  const body = chapter ? (bodies.get(chapter.path) ?? null) : null;
  useEffect(() => {
    if (!chapter || bodies.has(chapter.path)) return;
    let alive = true;
    loadChapterBody(chapter).then(
      () => alive && loaded((n) => n + 1),
      (e: unknown) => alive && setFailed({ path: chapter.path, error: e instanceof Error ? e : new Error(String(e)) }),
    );
    return () => {
      alive = false;
    };
  }, [chapter]);
  return { body, error: chapter && failed?.path === chapter.path ? failed.error : null };
}
