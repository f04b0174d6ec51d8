/**
 * Chapters ship as index entries plus lazily loaded bodies with pre-rendered formulas
 * (chapterBuild.ts, chapterPlugin.ts). Checked here: every formula the renderer meets in every
 * chapter is pre-rendered under the key MathTex looks up, so a chapter page never waits for KaTeX;
 * without the pre-rendered maths MathTex shows the TeX source until KaTeX has loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { chapterBody, chapterMeta } from './chapterBuild';
import { chapterModules } from './chapterPlugin';
import { inspectChapter } from './inspect';
import { Markdown } from './Markdown';

const ROOT = join(process.cwd(), 'content');
const chapters = ['zh', 'en'].flatMap((lang) =>
  readdirSync(join(ROOT, lang))
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ name: `${lang}/${f}`, path: join(ROOT, lang, f), source: readFileSync(join(ROOT, lang, f), 'utf8') })),
);
const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;

describe('chapter bodies', () => {
  it('finds the chapters', () => expect(chapters.length).toBeGreaterThanOrEqual(14));

  for (const c of chapters) {
    it(`${c.name}: every formula renders from the pre-rendered maths`, () => {
      const { source, math } = chapterBody(c.source);
      const formulas = inspectChapter(c.source).formulas;
      expect(source).toBe(c.source);
      expect(formulas.length).toBeGreaterThan(0);
      // Without pre-rendered maths (and KaTeX not loaded) each formula shown is a placeholder…
      const shown = count(renderToString(<Markdown source={source} />), /math-pending/g);
      expect(shown).toBeGreaterThan(0);
      // …with it, each is KaTeX's HTML: the renderer found it under the key chapterBody used.
      const html = renderToString(<Markdown source={source} math={math} />);
      expect(count(html, /math-pending/g), 'formulas left for KaTeX at run time').toBe(0);
      expect(count(html, /class="katex"/g)).toBe(shown);
    });
  }

  it('without pre-rendered maths, shows the TeX source until KaTeX loads', () => {
    const html = renderToString(<Markdown source={'# T\n\nInline $a^2$ and\n\n$$\n\\frac{1}{2}\n$$\n'} />);
    expect(html).toContain('<span class="math-inline math-pending">a^2</span>');
    expect(html).toContain('<div class="math-display math-pending">\\frac{1}{2}</div>');
    expect(html).not.toContain('class="katex"');
  });

  it('leaves a formula KaTeX rejects to be reported in place', () => {
    const { math } = chapterBody('# T\n\n$\\frac{1}{$ and $x$\n');
    expect(Object.keys(math)).toEqual(['I:x']);
  });
});

describe('chapter index entries', () => {
  it('carry the title and the quiz ids, not the text', () => {
    const c = chapters.find((x) => x.name === 'en/01-neuron.md')!;
    const meta = chapterMeta(c.source, '01-neuron');
    expect(meta.title).toBe(/^#\s+(.+)$/m.exec(c.source)![1].trim());
    expect(meta.quizIds).toEqual(inspectChapter(c.source).quizzes.map((q) => q.id));
    expect(meta.quizIds.length).toBeGreaterThan(0);
    expect(JSON.stringify(meta).length).toBeLessThan(1000);
  });
});

describe('the Vite plugin', () => {
  const load = (id: string) => {
    const hook = chapterModules().load as (this: { addWatchFile(f: string): void }, id: string) => string | null;
    return hook.call({ addWatchFile: () => undefined }, id);
  };
  const value = (code: string | null) => {
    const m = /^export default JSON\.parse\((.*)\);$/.exec(code ?? '');
    return JSON.parse(JSON.parse(m![1])) as unknown;
  };
  const file = join(ROOT, 'en', '01-neuron.md');
  const source = readFileSync(file, 'utf8');

  it('turns ?chapter-meta into the index entry and ?chapter into the body', () => {
    expect(value(load(`${file}?chapter-meta`))).toEqual(chapterMeta(source, '01-neuron'));
    expect(value(load(`${file}?chapter`))).toEqual(chapterBody(source));
  });

  it('leaves every other import alone', () => {
    expect(load(`${file}?raw`)).toBeNull();
    expect(load(file)).toBeNull();
    expect(load('/x/y.ts?chapter')).toBeNull();
  });
});
