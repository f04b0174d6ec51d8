import { createStore, get, set } from 'idb-keyval';
import type { BytesCache } from './loader';

/** IndexedDB-backed cache (works in windows and workers). Keys are content hashes. */
export function idbBytesCache(): BytesCache {
  const store = createStore('nnlab-data', 'files');
  return {
    get: (key) => get<Uint8Array>(key, store),
    set: (key, value) => set(key, value, store),
  };
}
