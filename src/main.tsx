import 'katex/dist/katex.min.css';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { langOfHash } from './app/routeLang';
import { labKV, startRunStorage, storedModelSource } from './state/runStorage';
import { useStore } from './state/store';
import { startTheme } from './ui/theme';
import { getTrainingClient, provideModels } from './worker/engine';

// Training runs survive reloads: restored from IndexedDB now, saved as they change (runStorage.ts).
// Weights are only asked for runs training in this page, so this never starts the worker by itself.
const runsKV = labKV();
startRunStorage(useStore, { kv: runsKV, getWeights: (runId) => getTrainingClient().getWeights(runId) });
provideModels(storedModelSource(runsKV, useStore));

// <html data-theme> from the saved setting or the system preference, before the first paint.
startTheme(useStore);

// A link's language (#/en/...) wins over the saved or the browser's one, from the first paint on.
const routeLang = langOfHash(location.hash);
if (routeLang) useStore.getState().setLang(routeLang);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
