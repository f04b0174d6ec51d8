import { useEffect, useId, useRef, useState } from 'react';
import type { TocEntry } from '../content/slug';
import { useText, type TextTable } from './i18n';

const TEXT: TextTable<'toc' | 'menu'> = {
  zh: { toc: '本章内容', menu: '目录' },
  en: { toc: 'In this chapter', menu: 'Contents' },
};

/**
 * The chapter's headings. On a wide screen a sticky column beside the text; on a narrow one
 * (CSS hides the column below 1100 px) a sticky "Contents" button that opens the same list as a
 * menu, which closes when a heading is chosen, on Escape or on a click elsewhere.
 */
export function ChapterToc({ toc, base }: { toc: TocEntry[]; base: string }) {
  const t = useText(TEXT);
  const [open, setOpen] = useState(false);
  const navRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listId = `toc-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!navRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const choose = (e: { preventDefault(): void }, id: string) => {
    e.preventDefault();
    setOpen(false);
    const target = document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ behavior: 'smooth', block: 'start' });
    // Keyboard and screen-reader users continue reading from the heading they chose.
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    history.replaceState(history.state, '', `${location.pathname}${location.search}${base}~${id}`);
  };

  return (
    <nav ref={navRef} className={open ? 'toc open' : 'toc'} aria-label={t.toc} data-testid="toc">
      <button
        ref={buttonRef}
        type="button"
        className="toc-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        data-testid="toc-toggle"
      >
        <span aria-hidden="true">☰</span> {t.menu}
      </button>
      <p className="toc-title">{t.toc}</p>
      <ul id={listId}>
        {toc.map((h) => (
          <li key={h.id} className={`toc-${h.depth}`}>
            <a href={`${base}~${h.id}`} onClick={(e) => choose(e, h.id)}>
              {h.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
