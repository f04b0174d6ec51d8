import { useRef, useState } from 'react';
import { useText, type TextTable } from '../../app/i18n';

const TEXT: TextTable<'copyJson' | 'copyLink' | 'copied' | 'failed' | 'link' | 'directive' | 'json' | 'more'> = {
  zh: {
    copyJson: '复制 JSON 规格', copyLink: '复制分享链接', copied: '已复制', failed: '无法访问剪贴板：文字已选中，请按 Ctrl+C（⌘C）复制',
    link: '分享链接（单独打开这个面板，带上当前结构）', directive: '在章节里使用（Markdown 指令）', json: '模型规格 JSON', more: '查看 JSON 与 Markdown 指令',
  },
  en: {
    copyJson: 'Copy spec as JSON', copyLink: 'Copy share link', copied: 'Copied', failed: "Couldn't reach the clipboard: the text is selected, press Ctrl+C (⌘C)",
    link: 'Share link (opens this panel alone with this architecture)', directive: 'Use in a chapter (Markdown directive)', json: 'Model spec JSON', more: 'Show the JSON and the Markdown directive',
  },
};

/** Copy-the-spec and share-link controls, with a visible fallback when the clipboard is unavailable. */
export function ShareBox({ json, url, directive }: { json: string; url: string; directive: string }) {
  const t = useText(TEXT);
  const [status, setStatus] = useState<{ what: 'json' | 'link'; ok: boolean } | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const jsonRef = useRef<HTMLTextAreaElement>(null);
  const detailsRef = useRef<HTMLDetailsElement>(null);

  const copy = async (what: 'json' | 'link') => {
    const text = what === 'json' ? json : url;
    try {
      await navigator.clipboard.writeText(text);
      setStatus({ what, ok: true });
    } catch {
      // Insecure context or denied permission: select the text so the reader can copy it by hand.
      if (what === 'json' && detailsRef.current) detailsRef.current.open = true;
      const el = what === 'json' ? jsonRef.current : linkRef.current;
      el?.focus();
      el?.select();
      setStatus({ what, ok: false });
    }
  };

  return (
    <div className="cnn-share">
      <div className="controls">
        <button type="button" onClick={() => copy('json')} data-testid="cnn-copy-json">
          {t.copyJson}
        </button>
        <button type="button" onClick={() => copy('link')} data-testid="cnn-copy-link">
          {t.copyLink}
        </button>
        <span className={status?.ok === false ? 'cnn-copy-status is-bad' : 'cnn-copy-status'} role="status">
          {status ? (status.ok ? `${t.copied} ✓` : t.failed) : ''}
        </span>
      </div>
      <label className="cnn-link">
        <span>{t.link}</span>
        <input ref={linkRef} readOnly value={url} onFocus={(e) => e.target.select()} data-testid="cnn-share-url" />
      </label>
      <details ref={detailsRef}>
        <summary>{t.more}</summary>
        <label className="cnn-link">
          <span>{t.directive}</span>
          <input readOnly value={directive} onFocus={(e) => e.target.select()} />
        </label>
        <label className="cnn-link">
          <span>{t.json}</span>
          <textarea ref={jsonRef} readOnly value={json} rows={10} data-testid="cnn-json" />
        </label>
      </details>
    </div>
  );
}
