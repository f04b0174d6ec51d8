// @vitest-environment jsdom
/**
 * The content check: every chapter in content/ must render without an error box.
 * Fails on an unknown panel id, a formula KaTeX can't parse, a diagram Mermaid can't parse,
 * a malformed quiz, an unknown directive, or a chapter present in one language only.
 */
import katex from 'katex';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPanel } from '../panels/registry';
import { CALLOUT_KINDS } from './directives';
import { inspectChapter } from './inspect';
import { KATEX_OPTIONS } from './MathTex';

const ROOT = join(process.cwd(), 'content');
const LANGS = ['zh', 'en'] as const;
const files = Object.fromEntries(LANGS.map((l) => [l, readdirSync(join(ROOT, l)).filter((f) => f.endsWith('.md')).sort()]));
const KNOWN_DIRECTIVES = new Set(['panel', 'quiz', 'explain', ...CALLOUT_KINDS]);

type Mermaid = typeof import('mermaid').default;
let mermaid: Mermaid;
beforeAll(async () => {
  mermaid = (await import('mermaid')).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
});

describe('content', () => {
  it('has chapters, each present in both languages', () => {
    expect(files.zh.length).toBeGreaterThan(0);
    expect(files.zh).toEqual(files.en);
    for (const f of files.zh) expect(f).toMatch(/^\d{2}-[a-z0-9-]+\.md$/);
  });

  for (const lang of LANGS) {
    for (const file of files[lang]) {
      describe(`${lang}/${file}`, () => {
        const source = readFileSync(join(ROOT, lang, file), 'utf8');
        const parts = inspectChapter(source);
        const where = (line: number) => `${lang}/${file}:${line}`;

        it('starts with a title', () => expect(source).toMatch(/^# \S/m));

        it('uses only registered panels', () => {
          for (const p of parts.panels) expect(getPanel(p.id), `unknown panel "${p.id}" at ${where(p.line)}`).toBeDefined();
        });

        it('uses only known directives', () => {
          for (const d of parts.directives) expect(KNOWN_DIRECTIVES.has(d.name), `unknown directive "${d.name}" at ${where(d.line)}`).toBe(true);
        });

        it('has formulas KaTeX can parse', () => {
          for (const f of parts.formulas) {
            expect(() => katex.renderToString(f.tex, { ...KATEX_OPTIONS, displayMode: f.display }), `${where(f.line)}: ${f.tex}`).not.toThrow();
          }
        });

        it('has diagrams Mermaid can parse', async () => {
          for (const d of parts.diagrams) {
            await expect(mermaid.parse(d.source).then(() => 'ok'), `${where(d.line)}`).resolves.toBe('ok');
          }
        });

        it('has well-formed quizzes', () => {
          for (const q of parts.quizzes) {
            const n = Number(q.answer);
            expect(q.id, where(q.line)).toMatch(/^\d{2}-[a-z0-9-]+-q\d+$/);
            expect(q.options, `${q.id} needs ≥ 2 options`).toBeGreaterThanOrEqual(2);
            expect(Number.isInteger(n) && n >= 1 && n <= q.options, `${q.id}: answer "${q.answer}" out of range`).toBe(true);
          }
        });
      });
    }
  }

  it('keeps the same panels and quizzes in both languages', () => {
    for (const file of files.zh) {
      const zh = inspectChapter(readFileSync(join(ROOT, 'zh', file), 'utf8'));
      const en = inspectChapter(readFileSync(join(ROOT, 'en', file), 'utf8'));
      expect(en.panels.map((p) => p.id), file).toEqual(zh.panels.map((p) => p.id));
      expect(en.quizzes.map((q) => `${q.id}:${q.answer}`), file).toEqual(zh.quizzes.map((q) => `${q.id}:${q.answer}`));
    }
  });

  it('has quiz ids unique across the site', () => {
    const ids = files.zh.flatMap((f) => inspectChapter(readFileSync(join(ROOT, 'zh', f), 'utf8')).quizzes.map((q) => q.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the content check itself', () => {
  it('catches each kind of error', async () => {
    const bad = inspectChapter(
      '# T\n\n::panel{id="no-such-panel"}\n\n$\\frac{1}{$\n\n```mermaid\nflowchart LR\n A[[[ -->\n```\n\n:::mystery\nx\n:::\n',
    );
    expect(getPanel(bad.panels[0].id)).toBeUndefined();
    expect(() => katex.renderToString(bad.formulas[0].tex, { ...KATEX_OPTIONS })).toThrow();
    await expect(mermaid.parse(bad.diagrams[0].source)).rejects.toThrow();
    expect(bad.directives.filter((d) => !KNOWN_DIRECTIVES.has(d.name)).map((d) => d.name)).toEqual(['mystery']);
  });
});
