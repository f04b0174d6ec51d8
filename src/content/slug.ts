/** Heading anchors: lower-case, spaces to dashes, keeps CJK so Chinese headings get readable ids. */
export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[\s]+/g, '-')
      .replace(/[^\p{L}\p{N}-]/gu, '')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

export interface TocEntry {
  depth: 2 | 3;
  text: string;
  id: string;
}

/** Strips Markdown emphasis/code/maths markers from a heading so the TOC reads cleanly. */
export function headingText(md: string): string {
  return md
    .replace(/\$([^$]+)\$/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .trim();
}

/** The ## and ### headings of a chapter, outside fenced code blocks, with unique ids. */
export function extractToc(source: string): TocEntry[] {
  const out: TocEntry[] = [];
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of source.split('\n')) {
    const f = /^\s*(```|~~~)/.exec(line);
    if (f) {
      fence = fence === null ? f[1] : fence === f[1] ? null : fence;
      continue;
    }
    if (fence) continue;
    const m = /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = headingText(m[2]);
    out.push({ depth: m[1].length as 2 | 3, text, id: uniqueId(slugify(text), seen) });
  }
  return out;
}

export function uniqueId(base: string, seen: Map<string, number>): string {
  const n = seen.get(base) ?? 0;
  seen.set(base, n + 1);
  return n === 0 ? base : `${base}-${n}`;
}
