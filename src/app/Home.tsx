import { Link } from 'wouter';
import { listChapters } from '../content/chapters';
import { useStore } from '../state/store';
import { useDocumentTitle } from './documentTitle';
import { useLang, useText, type TextTable } from './i18n';

const TEXT: TextTable<'title' | 'lead' | 'start' | 'chapters' | 'read' | 'quizzes' | 'authors' | 'playground'> = {
  zh: {
    title: '神经网络实验室',
    lead: '像读一本好教科书一样学习神经网络——每个公式和图旁边都有一个可以动手的面板：在你自己的浏览器里，用真实的 MNIST 数据搭建、训练并观察一个真正的网络。',
    start: '从第一章开始',
    chapters: '章节',
    read: '已读',
    quizzes: '自测题',
    authors: '给作者和教师：',
    playground: '写作试验场（Markdown + 公式 + 面板）',
  },
  en: {
    title: 'NN Lab',
    lead: 'Learn neural networks the way the best textbooks teach them — with a live panel beside every formula and diagram, where you build, train and inspect a real network on real MNIST, in your own browser.',
    start: 'Start with chapter 1',
    chapters: 'Chapters',
    read: 'read',
    quizzes: 'self-checks',
    authors: 'For authors and instructors: ',
    playground: 'authoring playground (Markdown + maths + panels)',
  },
};

export function Home() {
  const t = useText(TEXT);
  const lang = useLang();
  const chapters = listChapters(lang);
  const progress = useStore((s) => s.progress);
  useDocumentTitle(lang);
  return (
    <main className="page home" id="main" tabIndex={-1}>
      <section className="hero">
        <h1>{t.title}</h1>
        <p className="lead">{t.lead}</p>
        {chapters[0] ? (
          <Link className="button primary" href={`/${lang}/${chapters[0].slug}`}>
            {t.start}
          </Link>
        ) : null}
      </section>
      <h2>{t.chapters}</h2>
      <ol className="chapter-list">
        {chapters.map((c) => {
          const quizIds = c.quizIds;
          const done = quizIds.filter((id) => progress.quizzes[id]?.correct).length;
          return (
            <li key={c.slug}>
              <Link href={`/${lang}/${c.slug}`}>{c.title}</Link>
              <span className="chapter-meta">
                {progress.read[c.slug] ? <span className="pill">✓ {t.read}</span> : null}
                {quizIds.length ? (
                  <span className="pill">
                    {t.quizzes} {done}/{quizIds.length}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="muted">
        {t.authors}
        <Link href="/playground">{t.playground}</Link>
      </p>
    </main>
  );
}
