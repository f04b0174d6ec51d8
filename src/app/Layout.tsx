import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useStore } from '../state/store';
import { BackendBadge } from './BackendBadge';
import { LANGS, useText, type Lang, type TextTable } from './i18n';
import { Notices } from './Notices';

const TEXT: TextTable<'brand' | 'skip' | 'lang' | 'contents'> = {
  zh: { brand: '神经网络实验室', skip: '跳到正文', lang: '语言', contents: '目录' },
  en: { brand: 'NN Lab', skip: 'Skip to content', lang: 'Language', contents: 'Contents' },
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
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t.skip}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">◉</span> {t.brand}
        </Link>
        <nav className="topbar-right" aria-label={t.contents}>
          <BackendBadge />
          <LanguageSwitch />
        </nav>
      </header>
      <Notices />
      {children}
    </div>
  );
}
