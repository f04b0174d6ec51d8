import DOMPurify from 'dompurify';
import { useEffect, useId, useState } from 'react';
import { useText, type TextTable } from '../app/i18n';
import { ErrorBox } from '../ui/ErrorBox';

const TEXT: TextTable<'bad' | 'loading'> = {
  zh: { bad: '图表无法解析', loading: '正在绘制图表…' },
  en: { bad: 'This diagram could not be parsed', loading: 'Drawing diagram…' },
};

type MermaidApi = typeof import('mermaid').default;
let mermaidPromise: Promise<MermaidApi> | null = null;

/** Mermaid is large: load it on first use. securityLevel 'strict' encodes HTML in labels and disables clicks. */
export function loadMermaid(): Promise<MermaidApi> {
  mermaidPromise ??= import('mermaid').then((m) => {
    m.default.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'neutral',
      fontFamily: 'inherit',
      flowchart: { htmlLabels: false },
    });
    return m.default;
  });
  return mermaidPromise;
}

// Renders one at a time: mermaid keeps global state during render.
let queue: Promise<unknown> = Promise.resolve();

export async function renderMermaid(id: string, source: string): Promise<string> {
  const job = queue.then(async () => {
    const mermaid = await loadMermaid();
    await mermaid.parse(source);
    const { svg } = await mermaid.render(id, source);
    return DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true } });
  });
  queue = job.catch(() => undefined);
  return job;
}

export function MermaidDiagram({ source }: { source: string }) {
  const t = useText(TEXT);
  const id = `mmd-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [state, setState] = useState<{ svg?: string; error?: string }>({});
  useEffect(() => {
    let alive = true;
    setState({});
    renderMermaid(id, source).then(
      (svg) => alive && setState({ svg }),
      (e: unknown) => {
        // A failed render can leave its scratch element behind.
        document.getElementById(`d${id}`)?.remove();
        if (alive) setState({ error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      alive = false;
    };
  }, [id, source]);
  if (state.error) return <ErrorBox title={t.bad} detail={state.error.split('\n').slice(0, 4).join('\n')} />;
  if (!state.svg) return <div className="mermaid-loading">{t.loading}</div>;
  return <figure className="mermaid-diagram" dangerouslySetInnerHTML={{ __html: state.svg }} />;
}
