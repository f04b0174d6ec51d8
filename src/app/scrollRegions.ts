import { useEffect, type RefObject } from 'react';
import { useText, type TextTable } from './i18n';

const TEXT: TextTable<'math' | 'diagram' | 'table' | 'code' | 'wide'> = {
  zh: { math: '公式，可横向滚动', diagram: '图，可横向滚动', table: '表格，可横向滚动', code: '代码，可横向滚动', wide: '内容，可横向滚动' },
  en: { math: 'Formula, scrolls sideways', diagram: 'Diagram, scrolls sideways', table: 'Table, scrolls sideways', code: 'Code, scrolls sideways', wide: 'Content, scrolls sideways' },
};
type Kind = keyof typeof TEXT.en;
const MARK = 'data-scroll-region';
// Natively focusable or interactive boxes manage their own keyboard access.
const SKIP = new Set(['TEXTAREA', 'SELECT', 'INPUT', 'BUTTON', 'A']);

function kindOf(box: HTMLElement): Kind {
  if (box.querySelector('table') || box.tagName === 'TABLE') return 'table';
  if (box.tagName === 'PRE') return 'code';
  if (box.querySelector('.katex') || box.classList.contains('math-display')) return 'math';
  if (box.querySelector('svg, canvas')) return 'diagram';
  return 'wide';
}

/**
 * Every box under `root` that scrolls sideways now gets what it lacks of tabindex=0, a role and a name
 * (a component may already make its own box focusable); the attributes added are listed in MARK and
 * taken off again when the box no longer scrolls.
 */
function scan(root: HTMLElement, label: (k: Kind) => string) {
  for (const box of root.querySelectorAll<HTMLElement>('*')) {
    if (SKIP.has(box.tagName)) continue;
    const added = box.getAttribute(MARK);
    const overflows = box.clientWidth > 0 && box.scrollWidth > box.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(box).overflowX);
    if (overflows && added === null) {
      const set = { tabindex: '0', role: 'region', 'aria-label': label(kindOf(box)) };
      const missing = (Object.keys(set) as (keyof typeof set)[]).filter((a) => !box.hasAttribute(a));
      for (const a of missing) box.setAttribute(a, set[a]);
      box.setAttribute(MARK, missing.join(' '));
    } else if (overflows && added?.includes('aria-label')) {
      box.setAttribute('aria-label', label(kindOf(box))); // the language may have changed
    } else if (!overflows && added !== null) {
      for (const a of [MARK, ...added.split(' ').filter(Boolean)]) box.removeAttribute(a);
    }
  }
}

/**
 * A box that scrolls sideways (wide maths, a diagram, a table, code, a panel's wide part) must be
 * reachable by keyboard (WCAG 2.1.1, axe `scrollable-region-focusable`). Only boxes that really
 * overflow get `tabindex=0`, a role and a name, so a desktop reader does not tab through every
 * formula. Re-checked, at most a few times a second, as content renders and the width changes.
 */
export function useScrollRegions(root: RefObject<HTMLElement | null>) {
  const t = useText(TEXT);
  useEffect(() => {
    const el = root.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        scan(el, (k) => t[k]);
      }, 200);
    };
    const resize = new ResizeObserver(later);
    resize.observe(el);
    // Maths, diagrams and panels arrive after the first render; panels change as they run.
    const mutations = new MutationObserver(later);
    mutations.observe(el, { childList: true, subtree: true });
    later();
    return () => {
      clearTimeout(timer);
      resize.disconnect();
      mutations.disconnect();
    };
  }, [root, t]);
}
