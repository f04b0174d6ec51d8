import { useEffect, type RefObject } from 'react';
import { useText, type TextTable } from './i18n';

const TEXT: TextTable<'math' | 'diagram' | 'table' | 'code' | 'wide'> = {
  zh: { math: '公式，可横向滚动', diagram: '图，可横向滚动', table: '表格，可横向滚动', code: '代码，可横向滚动', wide: '内容，可横向滚动' },
  en: { math: 'Formula, scrolls sideways', diagram: 'Diagram, scrolls sideways', table: 'Table, scrolls sideways', code: 'Code, scrolls sideways', wide: 'Content, scrolls sideways' },
};

/** The blocks that scroll sideways inside their own box (see `.prose` rules in styles.css). */
const KINDS: [selector: string, kind: keyof typeof TEXT.en][] = [
  ['.math-display', 'math'],
  ['.mermaid-diagram', 'diagram'],
  ['.table-scroll, .prose table', 'table'],
  ['.prose pre', 'code'],
  ['.scroll-x', 'wide'],
];
const MARK = 'data-scroll-region';

/**
 * A box that scrolls sideways must be reachable by keyboard (WCAG 2.1.1, axe
 * `scrollable-region-focusable`). Only the boxes that really overflow get `tabindex=0`, a role and
 * a name, so a desktop reader does not tab through every formula; re-checked as the content renders
 * (maths, diagrams, lazy panels) and when the width changes.
 */
export function useScrollRegions(root: RefObject<HTMLElement | null>) {
  const t = useText(TEXT);
  useEffect(() => {
    const el = root.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const scan = () => {
      frame = 0;
      // Measure every box first, then write: a write between two reads forces a fresh layout of
      // the whole chapter for each box (seconds on a long chapter while it loads).
      const boxes = KINDS.flatMap(([selector, kind]) =>
        [...el.querySelectorAll<HTMLElement>(selector)].map((box) => ({ box, kind, overflows: box.scrollWidth > box.clientWidth + 1 })),
      );
      for (const { box, kind, overflows } of boxes) {
        const ours = box.hasAttribute(MARK);
        if (overflows && !box.hasAttribute('tabindex')) {
          box.setAttribute(MARK, '');
          box.setAttribute('tabindex', '0');
          box.setAttribute('role', 'region');
          box.setAttribute('aria-label', t[kind]);
        } else if (overflows && ours) {
          if (box.getAttribute('aria-label') !== t[kind]) box.setAttribute('aria-label', t[kind]);
        } else if (!overflows && ours) {
          for (const a of [MARK, 'tabindex', 'role', 'aria-label']) box.removeAttribute(a);
        }
      }
    };
    const later = () => {
      frame ||= requestAnimationFrame(scan);
    };
    const resize = new ResizeObserver(later);
    resize.observe(el);
    // Maths, diagrams and panels arrive after the first render.
    const mutations = new MutationObserver(later);
    mutations.observe(el, { childList: true, subtree: true });
    later();
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      mutations.disconnect();
    };
  }, [root, t]);
}
