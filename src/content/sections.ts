import { headingText, slugify, uniqueId } from './slug';

/**
 * Splits a chapter at its `## ` headings (outside code fences, `:::` directive blocks and `$$`
 * maths), so it can be rendered a section at a time. Joining the parts gives back the source.
 */
export function splitSections(source: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let fence: string | null = null;
  let containers = 0;
  let math = false;
  for (const line of source.split('\n')) {
    const f = /^\s*(```|~~~)/.exec(line);
    if (f) fence = fence === null ? f[1] : fence === f[1] ? null : fence;
    else if (!fence) {
      if (/^\s*\$\$\s*$/.test(line)) math = !math;
      else if (!math && /^\s*:{3,}\s*$/.test(line)) containers = Math.max(0, containers - 1);
      else if (!math && /^\s*:{3,}[\w-]/.test(line)) containers++;
      else if (!math && containers === 0 && /^##\s/.test(line) && cur.some((l) => l.trim())) {
        out.push(cur.join('\n'));
        cur = [];
      }
    }
    cur.push(line);
  }
  out.push(cur.join('\n'));
  return out;
}

/** Heading ids already used by `sections` (as extractToc counts them), so later sections stay unique. */
export function headingIdsIn(sections: string[]): Map<string, number> {
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of sections.join('\n').split('\n')) {
    const f = /^\s*(```|~~~)/.exec(line);
    if (f) {
      fence = fence === null ? f[1] : fence === f[1] ? null : fence;
      continue;
    }
    const m = fence ? null : /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) uniqueId(slugify(headingText(m[2])), seen);
  }
  return seen;
}
