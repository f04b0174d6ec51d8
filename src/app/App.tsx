import { useEffect } from 'react';
import { Redirect, Route, Router, Switch } from 'wouter';
import { storageStatus, useStore } from '../state/store';
import { ChapterPage } from './ChapterPage';
import { EmbedChapter } from './EmbedChapter';
import { EmbedPanel } from './EmbedPanel';
import { Home } from './Home';
import { Layout } from './Layout';
import { useAppLocation } from './location';
import { NotFound } from './NotFound';
import { Playground } from './Playground';

export function App() {
  const lang = useStore((s) => s.settings.lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  useEffect(() => {
    if (storageStatus.corrupted) useStore.getState().pushNotice({ kind: 'warning', code: 'storageCorrupted' });
  }, []);
  return (
    <Router hook={useAppLocation}>
      <Switch>
        <Route path="/embed/panel/:id">{(p) => <EmbedPanel id={p.id} />}</Route>
        <Route path="/embed/:lang/:slug">{(p) => <EmbedChapter lang={p.lang} slug={p.slug} />}</Route>
        <Route>
          <Layout>
            <Switch>
              <Route path="/">
                <Home />
              </Route>
              <Route path="/playground">
                <Playground />
              </Route>
              <Route path="/:lang">{(p) => (p.lang === 'zh' || p.lang === 'en' ? <Redirect to="/" /> : <NotFound />)}</Route>
              <Route path="/:lang/:slug">{(p) => <ChapterPage lang={p.lang} slug={p.slug} />}</Route>
              <Route>
                <NotFound />
              </Route>
            </Switch>
          </Layout>
        </Route>
      </Switch>
    </Router>
  );
}
