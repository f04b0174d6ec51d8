/**
 * Vite plugin: a chapter file imported with `?chapter-meta` becomes its index entry (title, quiz
 * ids), and with `?chapter` its body (Markdown + pre-rendered formulas). chapters.ts imports the
 * index eagerly and the bodies lazily, so a page downloads only its own chapter's text and no
 * KaTeX for it.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Plugin } from 'vite';
import { chapterBody, chapterMeta } from './chapterBuild';

export function chapterModules(): Plugin {
  return {
    name: 'nnlab-chapters',
    enforce: 'pre',
    load(id) {
      const q = id.indexOf('?');
      const file = q < 0 ? id : id.slice(0, q);
      if (q < 0 || !file.endsWith('.md')) return null;
      const query = new URLSearchParams(id.slice(q + 1));
      const kind = query.has('chapter-meta') ? 'meta' : query.has('chapter') ? 'body' : null;
      if (!kind) return null;
      this.addWatchFile(file);
      const source = readFileSync(file, 'utf8');
      const data = kind === 'meta' ? chapterMeta(source, basename(file, '.md')) : chapterBody(source);
      // JSON.parse of a string literal is faster for V8 than an object literal of the same size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
    },
  };
}
