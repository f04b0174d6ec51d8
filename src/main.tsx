import 'katex/dist/katex.min.css';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { labKV, startRunStorage, storedModelSource } from './state/runStorage';
import { useStore } from './state/store';
import { getTrainingClient, provideModels } from './worker/engine';

// Training runs survive reloads: restored from IndexedDB now, saved as they change (runStorage.ts).
// Weights are only asked for runs training in this page, so this never starts the worker by itself.
const runsKV = labKV();
startRunStorage(useStore, { kv: runsKV, getWeights: (runId) => getTrainingClient().getWeights(runId) });
provideModels(storedModelSource(runsKV, useStore));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
