import { useDeferredValue, useEffect, useState } from 'react';
import { Markdown } from '../content/Markdown';
import { useText, type TextTable } from './i18n';

const TEXT: TextTable<'title' | 'lead' | 'source' | 'preview' | 'reset'> = {
  zh: {
    title: '写作试验场',
    lead: '在这里用 Markdown 写一段教材：公式、Mermaid 图、自测题和 ::panel 面板都会即时渲染。出错的公式或图只在原位显示错误，其余内容照常显示。草稿自动保存在本机浏览器中。',
    source: 'Markdown 源文本',
    preview: '预览',
    reset: '恢复示例',
  },
  en: {
    title: 'Authoring playground',
    lead: 'Write course material in Markdown here: formulas, Mermaid diagrams, self-checks and ::panel panels render as you type. A broken formula or diagram shows an error in its place and the rest still renders. Your draft is saved in this browser.',
    source: 'Markdown source',
    preview: 'Preview',
    reset: 'Restore example',
  },
};

const KEY = 'nnlab-playground';
const EXAMPLE = `## A neuron

$$
y = f(\\mathbf{w}^\\top \\mathbf{x} + b)
$$

\`\`\`mermaid
flowchart LR
  x["x"] --> s["Σ w·x + b"] --> f["f"] --> y["y"]
\`\`\`

::::quiz{id="playground-q1" answer="2"}
What does the bias do?

1. Scales the inputs
2. Shifts the decision boundary

:::explain
Without it the boundary must pass through the origin.
:::
::::
`;

function loadDraft(): string {
  try {
    return localStorage.getItem(KEY) ?? EXAMPLE;
  } catch {
    return EXAMPLE;
  }
}

/** Authors and instructors try Markdown with live panels before putting it in a course page. */
export function Playground() {
  const t = useText(TEXT);
  const [source, setSource] = useState(loadDraft);
  const deferred = useDeferredValue(source);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, source);
    } catch {
      // storage full or blocked: the draft stays on screen
    }
  }, [source]);
  return (
    <main className="page playground" id="main" tabIndex={-1}>
      <h1>{t.title}</h1>
      <p className="muted">{t.lead}</p>
      <div className="playground-grid">
        <label className="playground-source">
          <span>{t.source}</span>
          <textarea value={source} onChange={(e) => setSource(e.target.value)} spellCheck={false} data-testid="playground-source" />
          <button type="button" onClick={() => setSource(EXAMPLE)}>
            {t.reset}
          </button>
        </label>
        <section className="prose playground-preview" aria-label={t.preview} data-testid="playground-preview">
          <Markdown source={deferred} anchorBase="#/playground" />
        </section>
      </div>
    </main>
  );
}
