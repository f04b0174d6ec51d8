import { Children, isValidElement, type ComponentProps, type ReactElement, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { useText, type TextTable } from '../app/i18n';
import { ErrorBox } from '../ui/ErrorBox';
import { remarkNnDirectives } from './directives';
import { MathTex, PrerenderedMath } from './MathTex';
import { MermaidDiagram } from './Mermaid';
import { PanelHost, parseSettings } from './PanelHost';
import { Explain, Quiz } from './Quiz';
import { headingText, slugify, uniqueId } from './slug';

const TEXT: TextTable<'directive' | 'anchor'> = {
  zh: { directive: '未知的指令', anchor: '链接到本节' },
  en: { directive: 'Unknown directive', anchor: 'Link to this section' },
};

/**
 * Markdown is untrusted: raw HTML is never parsed (no rehype-raw), and the tree is sanitized
 * with GitHub's schema extended only by our own elements and their data attributes.
 */
export const SANITIZE_SCHEMA = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'nn-panel', 'nn-quiz', 'nn-explain', 'nn-error', 'aside'],
  attributes: {
    ...defaultSchema.attributes,
    'nn-panel': ['dataPanelId', 'dataSettings'],
    'nn-quiz': ['dataQuizId', 'dataAnswer'],
    'nn-error': ['dataKind', 'dataDetail'],
    aside: [['className', /^callout(-[a-z]+)?$/], 'dataKind', 'dataTitle'],
    code: [['className', /^language-./, 'math-inline', 'math-display']],
  },
};

type CodeProps = ComponentProps<'code'> & { node?: unknown };

function codeClass(el: ReactNode): string {
  return isValidElement(el) ? String((el as ReactElement<{ className?: string }>).props.className ?? '') : '';
}

function textOf(children: ReactNode): string {
  return Children.toArray(children)
    .map((c) => (typeof c === 'string' || typeof c === 'number' ? String(c) : isValidElement(c) ? textOf((c as ReactElement<{ children?: ReactNode }>).props.children) : ''))
    .join('');
}

/** `anchorBase` is the chapter's hash route (e.g. `#/zh/01-neuron`); heading links append `~id`. */
/** `math`: the chapter's formulas pre-rendered at build time (chapterBuild.ts); others render with KaTeX here. */
/** `seen`: heading ids used before this source (when a chapter renders a section at a time, ChapterSections.tsx). */
export function Markdown({ source, anchorBase = '', math = null, seen: seenBefore }: { source: string; anchorBase?: string; math?: Record<string, string> | null; seen?: ReadonlyMap<string, number> }) {
  const t = useText(TEXT);
  const seen = new Map<string, number>(seenBefore ?? []);
  const heading = (Tag: 'h2' | 'h3') =>
    function Heading({ children }: { children?: ReactNode }) {
      const id = uniqueId(slugify(headingText(textOf(children))), seen);
      return (
        <Tag id={id}>
          {children}
          <a className="anchor" href={`${anchorBase}~${id}`} aria-label={t.anchor} onClick={(e) => scrollToId(e, id, anchorBase)}>
            #
          </a>
        </Tag>
      );
    };
  const components = {
    h2: heading('h2'),
    h3: heading('h3'),
    code({ className, children }: CodeProps) {
      const cls = String(className ?? '');
      const text = String(children ?? '').replace(/\n$/, '');
      if (cls.includes('math-inline')) return <MathTex tex={text} display={false} />;
      if (cls.includes('math-display')) return <MathTex tex={text} display />;
      if (cls.includes('language-mermaid')) return <MermaidDiagram source={text} />;
      return <code className={className}>{children}</code>;
    },
    pre({ children }: { children?: ReactNode }) {
      // Display maths and diagrams render their own block; don't wrap them in <pre>.
      const only = Children.toArray(children)[0];
      const cls = codeClass(only);
      if (cls.includes('math-display') || cls.includes('language-mermaid')) return <>{children}</>;
      return <pre>{children}</pre>;
    },
    a({ href, children }: ComponentProps<'a'>) {
      const external = href !== undefined && /^https?:/.test(href);
      return (
        <a href={href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
          {children}
        </a>
      );
    },
    aside({ children, ...p }: Record<string, unknown> & { children?: ReactNode }) {
      const kind = String(p['data-kind'] ?? 'note');
      const title = String(p['data-title'] ?? '');
      return (
        <aside className={`callout callout-${kind}`} role="note">
          {title ? <p className="callout-title">{title}</p> : null}
          {children}
        </aside>
      );
    },
    'nn-panel'(p: Record<string, unknown>) {
      return <PanelHost id={String(p['data-panel-id'] ?? '')} settings={parseSettings(p['data-settings'] as string)} />;
    },
    'nn-quiz'(p: Record<string, unknown> & { children?: ReactNode }) {
      return (
        <Quiz id={String(p['data-quiz-id'] ?? '')} answer={String(p['data-answer'] ?? '')}>
          {p.children}
        </Quiz>
      );
    },
    'nn-explain': Explain,
    'nn-error'(p: Record<string, unknown>) {
      return <ErrorBox title={t.directive} detail={String(p['data-detail'] ?? '')} />;
    },
  } as unknown as Components;
  return (
    <PrerenderedMath.Provider value={math}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkMath, remarkDirective, remarkNnDirectives]}
        rehypePlugins={[[rehypeSanitize, SANITIZE_SCHEMA]]}
        components={components}
      >
        {source}
      </ReactMarkdown>
    </PrerenderedMath.Provider>
  );
}

/** Hash routing owns location.hash, so in-page anchors scroll instead of navigating. */
function scrollToId(e: { preventDefault(): void }, id: string, anchorBase: string) {
  e.preventDefault();
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  history.replaceState(history.state, '', `${location.pathname}${location.search}${anchorBase}~${id}`);
}
