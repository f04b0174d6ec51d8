import { Component, lazy, Suspense, useEffect, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { useLang, useText, type TextTable } from '../app/i18n';
import { getPanel, type PanelProps } from '../panels/registry';
import { ErrorBox } from '../ui/ErrorBox';

const TEXT: TextTable<'unknown' | 'crashed' | 'loading' | 'live' | 'badSettings'> = {
  zh: { unknown: '未知的面板', crashed: '这个面板出错了，页面其余部分不受影响', loading: '正在加载面板…', live: '动手试试', badSettings: '面板设置无效' },
  en: { unknown: 'Unknown panel', crashed: 'This panel failed; the rest of the page still works', loading: 'Loading panel…', live: 'Try it', badSettings: 'Invalid panel settings' },
};

const lazyCache = new Map<string, ComponentType<PanelProps>>();
function lazyPanel(id: string, load: () => Promise<{ default: ComponentType<PanelProps> }>) {
  let c = lazyCache.get(id);
  if (!c) lazyCache.set(id, (c = lazy(load)));
  return c;
}

/**
 * Runs `fn` once the page has painted (the next frame, then a task): a chapter's text and maths
 * show first, and only then do its panels start downloading and running their code.
 */
function afterPaint(fn: () => void): () => void {
  let timer = 0;
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** Keeps a crashing panel from taking the chapter down with it. */
class PanelBoundary extends Component<{ fallback: (e: Error) => ReactNode; children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

export function parseSettings(json: string | undefined): Record<string, string> | null {
  try {
    const v: unknown = JSON.parse(json ?? '{}');
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  } catch {
    return null;
  }
}

export function PanelHost({ id, settings }: { id: string; settings: Record<string, string> | null }) {
  const t = useText(TEXT);
  const lang = useLang();
  const def = getPanel(id);
  const Panel = useMemo(() => (def ? lazyPanel(id, def.load) : null), [def, id]);
  const [painted, setPainted] = useState(false);
  useEffect(() => afterPaint(() => setPainted(true)), []);
  if (!def || !Panel) return <ErrorBox title={t.unknown} detail={id} />;
  if (!settings) return <ErrorBox title={t.badSettings} detail={id} />;
  const title = def.title[lang].title;
  return (
    <section className="panel" data-panel={id} aria-label={title}>
      <header className="panel-header">
        <span className="panel-badge">{t.live}</span>
        <h3 className="panel-title">{title}</h3>
      </header>
      <PanelBoundary fallback={(e) => <ErrorBox title={t.crashed} detail={e.message} />}>
        <Suspense fallback={<div className="panel-loading">{t.loading}</div>}>
          {painted ? <Panel settings={settings} /> : <div className="panel-loading">{t.loading}</div>}
        </Suspense>
      </PanelBoundary>
    </section>
  );
}
