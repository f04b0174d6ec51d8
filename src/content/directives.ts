/**
 * A remark plugin that turns our directives (docs/authoring.md) into custom elements
 * the Markdown renderer maps to React components:
 *   ::panel{id}          → <nn-panel data-panel-id data-settings>
 *   :::note|tip|warning|history[title] → <aside class="callout callout-KIND" data-title>
 *   ::::quiz{id answer}  → <nn-quiz data-quiz-id data-answer>, with :::explain → <nn-explain>
 * Anything else becomes <nn-error> so an author sees the mistake in place.
 */
import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';

export const CALLOUT_KINDS = ['note', 'tip', 'warning', 'history'] as const;

interface DirectiveNode {
  type: 'containerDirective' | 'leafDirective' | 'textDirective';
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  children: { type: string; data?: { directiveLabel?: boolean }; children?: unknown[] }[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

function labelText(node: DirectiveNode): string | undefined {
  const label = node.children.find((c) => c.type === 'paragraph' && c.data?.directiveLabel);
  if (!label) return undefined;
  node.children = node.children.filter((c) => c !== label);
  const parts: string[] = [];
  visit(label as never, 'text', (t: { value: string }) => {
    parts.push(t.value);
  });
  return parts.join('');
}

export function remarkNnDirectives() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'textDirective') return;
      const d = node as unknown as DirectiveNode;
      const attrs = Object.fromEntries(
        Object.entries(d.attributes ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const data = (d.data ??= {});
      if (d.type === 'leafDirective' && d.name === 'panel') {
        const { id = '', ...settings } = attrs;
        data.hName = 'nn-panel';
        data.hProperties = { dataPanelId: id, dataSettings: JSON.stringify(settings) };
      } else if (d.type === 'containerDirective' && (CALLOUT_KINDS as readonly string[]).includes(d.name)) {
        data.hName = 'aside';
        data.hProperties = { className: ['callout', `callout-${d.name}`], dataKind: d.name, dataTitle: labelText(d) ?? '' };
      } else if (d.type === 'containerDirective' && d.name === 'quiz') {
        data.hName = 'nn-quiz';
        data.hProperties = { dataQuizId: attrs.id ?? '', dataAnswer: attrs.answer ?? '' };
      } else if (d.type === 'containerDirective' && d.name === 'explain') {
        data.hName = 'nn-explain';
      } else if (d.type === 'textDirective') {
        // `:name` inside ordinary text (a time like 10:30) is almost never meant as a directive.
        data.hName = 'span';
        d.children = [{ type: 'text', value: `:${d.name}` } as never, ...d.children];
      } else {
        data.hName = 'nn-error';
        data.hProperties = { dataKind: 'directive', dataDetail: `${d.type === 'leafDirective' ? '::' : ':::'}${d.name}` };
      }
    });
  };
}
