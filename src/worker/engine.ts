/** Lazily starts the one training worker for the page and connects it to the store. */
import { useStore } from '../state/store';
import { connectBridge } from './bridge';
import { createTrainingClient, type ModelSource, type TrainingClient } from './client';
import { BACKENDS, type BackendChoice } from './protocol';

let client: TrainingClient | null = null;
let modelSource: ModelSource | null = null;

/** Where the client finds models the worker lacks (runStorage's IndexedDB, set up in main.tsx). */
export function provideModels(source: ModelSource) {
  modelSource = source;
  client?.setModelSource(source);
}

/** The client if the worker has been started, without starting it. */
export function existingTrainingClient(): TrainingClient | null {
  return client;
}

/** `?backend=wasm` (in the query or the hash's query) overrides the saved setting for this visit. */
export function backendFromUrl(href: string): BackendChoice | null {
  const url = new URL(href);
  const hashQuery = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?')) : '';
  const v = url.searchParams.get('backend') ?? new URLSearchParams(hashQuery).get('backend');
  return v && (v === 'auto' || (BACKENDS as readonly string[]).includes(v)) ? (v as BackendChoice) : null;
}

export function getTrainingClient(): TrainingClient {
  if (!client) {
    const choice = backendFromUrl(location.href) ?? useStore.getState().settings.backend;
    useStore.getState().setEngine({ status: 'starting' });
    client = createTrainingClient(choice);
    connectBridge(client, useStore);
    if (modelSource) client.setModelSource(modelSource);
  }
  return client;
}

/** Switches backend: saved as a setting, and the worker restarts on it. */
export function chooseBackend(choice: BackendChoice) {
  useStore.getState().setBackendChoice(choice);
  useStore.getState().setEngine({ status: 'starting', backend: null });
  getTrainingClient().setBackend(choice);
}
