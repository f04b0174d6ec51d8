import { describe, expect, it } from 'vitest';
import { headingIdsIn, splitSections } from './sections';
import { extractToc } from './slug';

const SRC = [
  '# Title',
  'intro',
  '## One',
  'text',
  '```python',
  '## not a heading',
  '```',
  '::::quiz{id="q"}',
  '## inside a directive',
  '::::',
  '$$',
  'x',
  '$$',
  '## Two',
  '### Sub',
  '## One',
].join('\n');

describe('splitSections', () => {
  it('splits at ## headings only outside fences and directives, and loses nothing', () => {
    const parts = splitSections(SRC);
    expect(parts.map((p) => p.split('\n')[0])).toEqual(['# Title', '## One', '## Two', '## One']);
    expect(parts.join('\n')).toBe(SRC);
  });
  it('gives later sections the heading ids already used, as the table of contents counts them', () => {
    const parts = splitSections(SRC);
    const seen = headingIdsIn(parts.slice(0, 3));
    expect(seen.get('one')).toBe(1);
    expect(extractToc(SRC).at(-1)?.id).toBe('one-1');
  });
});
