/**
 * Build-time work on chapters (Node only, used by the Vite plugin in chapterPlugin.ts):
 * the index entry (title, quiz ids) that every page needs, and the chapter body that only its
 * own page needs — its Markdown plus every formula pre-rendered by KaTeX, so the first chapter
 * shows its maths without downloading or running KaTeX in the browser.
 */
import katex from 'katex';
import { inspectChapter } from './inspect';
import { KATEX_OPTIONS, mathKey } from './katexOptions';

export interface ChapterMeta {
  title: string;
  quizIds: string[];
}

export interface ChapterBody {
  source: string;
  /** mathKey(tex, display) → KaTeX HTML; formulas KaTeX rejects are left out (MathTex shows the error). */
  math: Record<string, string>;
}

export function chapterTitle(source: string, fallback: string): string {
  const m = /^#\s+(.+)$/m.exec(source);
  return m ? m[1].trim() : fallback;
}

export function chapterMeta(source: string, fallbackTitle: string): ChapterMeta {
  return { title: chapterTitle(source, fallbackTitle), quizIds: inspectChapter(source).quizzes.map((q) => q.id) };
}

/**
 * The text the renderer's `code` component receives for a formula is the node's value less one
 * trailing newline (Markdown.tsx); key it the same way.
 */
export function chapterBody(source: string): ChapterBody {
  const math: Record<string, string> = {};
  for (const f of inspectChapter(source).formulas) {
    const tex = f.tex.replace(/\n$/, '');
    const key = mathKey(tex, f.display);
    if (key in math) continue;
    try {
      math[key] = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: f.display });
    } catch {
      /* left for MathTex to report in place */
    }
  }
  return { source, math };
}
