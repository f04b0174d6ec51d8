/**
 * The chapter index: every content/<lang>/NN-slug.md file, bundled as text at build time.
 * The number prefix orders chapters; the first `# ` heading is the title.
 */
import type { Lang } from '../state/slices/settings';

const files = import.meta.glob('/content/*/*.md', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

export interface Chapter {
  slug: string;
  lang: Lang;
  title: string;
  order: number;
  source: string;
}

export function parseChapterPath(path: string): { lang: string; slug: string; order: number } | null {
  const m = /\/content\/([a-z]{2})\/((\d+)-[a-z0-9-]+)\.md$/.exec(path);
  return m ? { lang: m[1], slug: m[2], order: Number(m[3]) } : null;
}

export function chapterTitle(source: string, fallback: string): string {
  const m = /^#\s+(.+)$/m.exec(source);
  return m ? m[1].trim() : fallback;
}

const all: Chapter[] = Object.entries(files)
  .map(([path, source]) => {
    const p = parseChapterPath(path);
    if (!p || (p.lang !== 'zh' && p.lang !== 'en')) return null;
    return { slug: p.slug, lang: p.lang as Lang, order: p.order, source, title: chapterTitle(source, p.slug) };
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
