import { Link } from 'wouter';
import { useDocumentTitle } from './documentTitle';
import { useLang, useText, type TextTable } from './i18n';

const TEXT: TextTable<'title' | 'home'> = {
  zh: { title: '找不到这一页', home: '回到目录' },
  en: { title: 'Page not found', home: 'Back to contents' },
};

export function NotFound() {
  const t = useText(TEXT);
  useDocumentTitle(useLang(), t.title);
  return (
    <main className="page not-found">
      <h1>{t.title}</h1>
      <Link href="/">{t.home}</Link>
    </main>
  );
}
