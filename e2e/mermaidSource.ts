/**
 * Reads what a reader should see in each Mermaid diagram straight from the Markdown, so the
 * diagram test follows the content: every ```mermaid block and, per block, every node id with
 * the label written for it (`A[label]`, `B(label)`, `C{label}`, `D((label))`, `E["quoted"]` …).
 */
export interface NodeLabel {
  id: string;
  /** The label's lines (`<br/>` splits a label into lines). */
  lines: string[];
}

export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\r?\n([\s\S]*?)^```/gm)].map((m) => m[1]);
}

// Longest openers first, so `((` wins over `(`. Each opener with the closer that ends it.
const SHAPES: [string, string][] = [
  ['(((', ')))'],
  ['((', '))'],
  ['([', '])'],
  ['[[', ']]'],
  ['[(', ')]'],
  ['{{', '}}'],
  ['[/', '/]'],
  ['[\\', '\\]'],
  ['[/', '\\]'],
  ['[\\', '/]'],
  ['[', ']'],
  ['(', ')'],
  ['{', '}'],
  ['>', ']'],
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const opener = SHAPES.map(([o]) => escapeRe(o))
  .filter((o, i, all) => all.indexOf(o) === i)
  .join('|');
// An id followed directly by a shape opener; the label is found from there.
const NODE_START = new RegExp(`(?:^|[\\s;&>-])([A-Za-z_][\\w]*)(${opener})`, 'g');

/** The node labels declared in one diagram, in order of first declaration. */
export function nodeLabels(source: string): NodeLabel[] {
  const out = new Map<string, NodeLabel>();
  for (const raw of source.split('\n')) {
    const line = raw
      .replace(/%%.*$/, '')
      // Edge labels (`-->|text|`, `-- text -->`) are not node labels.
      .replace(/\|[^|]*\|/g, ' ')
      .replace(/--\s+[^->|]+?\s*-->/g, '-->');
    // Directives and subgraph titles declare no node labels.
    if (/^\s*(click|style|classDef|class|linkStyle|subgraph|end)\b/.test(line)) continue;
    NODE_START.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NODE_START.exec(line))) {
      const [, id, open] = m;
      const start = m.index + m[0].length;
      const label = readLabel(line, start, open);
      if (!label) continue;
      NODE_START.lastIndex = label.end;
      if (!out.has(id)) out.set(id, { id, lines: splitLines(label.text) });
    }
  }
  return [...out.values()];
}

function readLabel(line: string, start: number, open: string): { text: string; end: number } | null {
  const closers = SHAPES.filter(([o]) => o === open).map(([, c]) => c);
  let i = start;
  while (line[i] === ' ') i++;
  if (line[i] === '"') {
    const endQuote = line.indexOf('"', i + 1);
    if (endQuote < 0) return null;
    let j = endQuote + 1;
    while (line[j] === ' ') j++;
    const closer = closers.find((c) => line.startsWith(c, j));
    return closer ? { text: line.slice(i + 1, endQuote), end: j + closer.length } : null;
  }
  let best: { text: string; end: number } | null = null;
  for (const c of closers) {
    const j = line.indexOf(c, i);
    if (j >= 0 && (!best || j < best.end)) best = { text: line.slice(i, j).trim(), end: j + c.length };
  }
  return best;
}

function splitLines(label: string): string[] {
  return label
    .split(/<br\s*\/?>|\\n/i)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
