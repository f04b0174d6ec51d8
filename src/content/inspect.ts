/**
 * Parses a chapter the same way the renderer does and lists what the content check verifies:
 * formulas, diagrams, panel ids, quizzes and headings. Pure: runs under Node.
 */
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

export interface ChapterParts {
  formulas: { tex: string; display: boolean; line: number }[];
  diagrams: { source: string; line: number }[];
  panels: { id: string; settings: Record<string, string>; line: number }[];
  quizzes: { id: string; answer: string; options: number; hasExplain: boolean; line: number }[];
  headings: { depth: number; text: string }[];
  directives: { name: string; kind: string; line: number }[];
}

type Node = {
  type: string;
  value?: string;
  lang?: string;
  name?: string;
  depth?: number;
  attributes?: Record<string, string | null | undefined>;
  children?: Node[];
  position?: { start: { line: number } };
};

const text = (n: Node): string => (n.value ?? '') + (n.children ?? []).map(text).join('');

export function inspectChapter(source: string): ChapterParts {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDirective).parse(source) as Node;
  const parts: ChapterParts = { formulas: [], diagrams: [], panels: [], quizzes: [], headings: [], directives: [] };
  visit(tree as never, (node: Node) => {
    const line = node.position?.start.line ?? 0;
    if (node.type === 'inlineMath' || node.type === 'math') {
      parts.formulas.push({ tex: node.value ?? '', display: node.type === 'math', line });
    } else if (node.type === 'code' && node.lang === 'mermaid') {
      parts.diagrams.push({ source: node.value ?? '', line });
    } else if (node.type === 'heading') {
      parts.headings.push({ depth: node.depth ?? 0, text: text(node) });
    } else if (node.type === 'leafDirective' || node.type === 'containerDirective') {
      const attrs = Object.fromEntries(
        Object.entries(node.attributes ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      parts.directives.push({ name: node.name ?? '', kind: node.type, line });
      if (node.type === 'leafDirective' && node.name === 'panel') {
        const { id = '', ...settings } = attrs;
        parts.panels.push({ id, settings, line });
      }
      if (node.type === 'containerDirective' && node.name === 'quiz') {
        const list = node.children?.find((c) => c.type === 'list');
        parts.quizzes.push({
          id: attrs.id ?? '',
          answer: attrs.answer ?? '',
          options: list?.children?.length ?? 0,
          hasExplain: !!node.children?.some((c) => c.type === 'containerDirective' && c.name === 'explain'),
          line,
        });
      }
    }
  });
  return parts;
}
