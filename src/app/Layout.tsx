import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { Link, useLocation } from 'wouter';
import { useStore } from '../state/store';
import { BackendBadge } from './BackendBadge';
import { LANGS, useText, type Lang, type TextTable } from './i18n';
import { Notices } from './Notices';
import { ThemeSwitch } from './ThemeSwitch';

const TEXT: TextTable<'brand' | 'skip' | 'lang' | 'tools'> = {
  zh: { brand: '神经网络实验室', skip: '跳到正文', lang: '语言', tools: '站点设置' },
  en: { brand: 'NN Lab', skip: 'Skip to content', lang: 'Language', tools: 'Site settings' },
};
const LANG_LABEL: Record<Lang, string> = { zh: '中文', en: 'English' };

export function LanguageSwitch() {
  const t = useText(TEXT);
  const lang = useStore((s) => s.settings.lang);
  const setLang = useStore((s) => s.setLang);
  const [loc, navigate] = useLocation();
  const switchTo = (l: Lang) => {
    setLang(l);
    // Stay on the same chapter in the other language.
    const m = /^\/(zh|en)\/(.+)$/.exec(loc);
    if (m) navigate(`/${l}/${m[2]}`, { replace: true });
  };
  return (
    <div className="lang-switch" role="group" aria-label={t.lang}>
      {LANGS.map((l) => (
        <button key={l} type="button" aria-pressed={lang === l} onClick={() => switchTo(l)} data-testid={`lang-${l}`}>
          {LANG_LABEL[l]}
        </button>
      ))}
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const t = useText(TEXT);
  const [loc] = useLocation();
  const topbarRef = useRef<HTMLElement>(null);
  useTopbarHeight(topbarRef);
  return (
    <div className="app">
      {/* A real URL (this page, scrolled to the text) rather than `#main`, which hash routing would read as a route. */}
      <a className="skip-link" href={`#${loc}~main`} onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t.skip}
      </a>
      <header className="topbar" ref={topbarRef}>
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">◉</span> {t.brand}
        </Link>
        <nav className="topbar-right" aria-label={t.tools}>
          <BackendBadge />
          <LanguageSwitch />
          <ThemeSwitch />
        </nav>
      </header>
      <Notices />
      {children}
    </div>
  );
}

/** `--topbar-h` on <html>: the sticky contents menu sits under the top bar, whose height changes when it wraps. */
function useTopbarHeight(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const set = () => document.documentElement.style.setProperty('--topbar-h', `${el.offsetHeight}px`);
    const ro = new ResizeObserver(set);
    ro.observe(el);
    set();
    return () => ro.disconnect();
  }, [ref]);
}
