import { useEffect, useId, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useText, type TextTable } from '../app/i18n';
import { ErrorBox } from '../ui/ErrorBox';
import { diagramTheme, mermaidConfig, type DiagramTheme } from './mermaidSetup';

const TEXT: TextTable<'bad' | 'loading'> = {
  zh: { bad: '图表无法解析', loading: '正在绘制图表…' },
  en: { bad: 'This diagram could not be parsed', loading: 'Drawing diagram…' },
};

type MermaidApi = typeof import('mermaid').default;
let mermaidPromise: Promise<MermaidApi> | null = null;

/** Mermaid is large: load it on first use. */
export function loadMermaid(): Promise<MermaidApi> {
  mermaidPromise ??= import('mermaid').then((m) => m.default);
  return mermaidPromise;
}

// Renders one at a time: mermaid keeps global state (its config, the theme) during render.
let queue: Promise<unknown> = Promise.resolve();
// Each render gets a fresh element id: Mermaid removes any element with the id it renders to,
// which would blank the diagram on screen while its re-render (new theme) is drawn.
let renders = 0;

// Drawn diagrams by theme and source: switching language back (or revisiting a chapter) reuses
// them instead of running Mermaid's layout again, a main-thread task of 50–150 ms per diagram.
const drawnCache = new Map<string, Promise<string>>();

export async function renderMermaid(id: string, source: string, theme: DiagramTheme = diagramTheme()): Promise<string> {
  const key = `${theme}\n${source}`;
  const hit = drawnCache.get(key);
  if (hit) return hit;
  const job = queue.then(async () => {
    // The sanitizer (DOMPurify) only matters for diagrams: it loads with Mermaid, not with the first page.
    const [mermaid, { sanitizeSvg }] = await Promise.all([loadMermaid(), import('./sanitizeSvg')]);
    mermaid.initialize(mermaidConfig(theme, mermaid.mermaidAPI.defaultConfig.secure));
    await mermaid.parse(source);
    const renderId = `${id}-${++renders}`;
    try {
      const { svg } = await mermaid.render(renderId, source);
      return sanitizeSvg(svg);
    } finally {
      // A failed render can leave its scratch element behind.
      document.getElementById(`d${renderId}`)?.remove();
    }
  });
  queue = job.catch(() => undefined);
  drawnCache.set(key, job);
  job.catch(() => drawnCache.delete(key));
  return job;
}

/** `<html data-theme>` as a diagram theme; re-renders its users when the attribute changes. */
function subscribeTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

export function useDiagramTheme(): DiagramTheme {
  return useSyncExternalStore(subscribeTheme, () => diagramTheme(), () => 'neutral');
}

/**
 * Mermaid scales a diagram down to the column; a long strip (chapter 6's eight layers) would
 * end with 9 px text. Below this scale the figure scrolls sideways in its own box instead.
 */
export const MIN_SCALE = 0.75;

interface Drawn {
  svg?: string;
  error?: string;
  /** What the shown svg was drawn from; a newer source or theme means a render is under way. */
  source?: string;
  theme?: DiagramTheme;
}

export function MermaidDiagram({ source }: { source: string }) {
  const t = useText(TEXT);
  const id = `mmd-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const theme = useDiagramTheme();
  const [drawn, setDrawn] = useState<Drawn>({});
  const figure = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const box = figure.current;
    const svg = box?.querySelector('svg');
    const natural = svg?.viewBox.baseVal?.width;
    if (!box || !svg || !natural) return;
    svg.style.minWidth = `${Math.ceil(natural * MIN_SCALE)}px`;
    // A figure that scrolls must be reachable by keyboard; one that fits is no tab stop.
    const focusIfScrolls = () => {
      if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
      else box.removeAttribute('tabindex');
    };
    focusIfScrolls();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(focusIfScrolls) : null;
    observer?.observe(box);
    return () => observer?.disconnect();
  }, [drawn.svg]);
  useEffect(() => {
    let alive = true;
    // The previous drawing stays on screen until the new one is ready (no flash on a theme switch).
    renderMermaid(id, source, theme).then(
      (svg) => alive && setDrawn({ svg, source, theme }),
      (e: unknown) => alive && setDrawn({ error: e instanceof Error ? e.message : String(e), source, theme }),
    );
    return () => {
      alive = false;
    };
  }, [id, source, theme]);
  const status = drawn.source !== source || drawn.theme !== theme ? 'loading' : drawn.error ? 'error' : 'ready';
  if (drawn.error && status === 'error') return <ErrorBox title={t.bad} detail={drawn.error.split('\n').slice(0, 4).join('\n')} />;
  if (!drawn.svg) return <div className="mermaid-loading">{t.loading}</div>;
  return (
    <figure
      ref={figure}
      className="mermaid-diagram"
      data-status={status}
      data-mermaid-theme={drawn.theme}
      dangerouslySetInnerHTML={{ __html: drawn.svg }}
    />
  );
}
