import { create } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';
import { createEngineSlice, type EngineSlice } from './slices/engine';
import { createLabSlice, type LabSlice } from './slices/lab';
import { createProgressSlice, type ProgressSlice } from './slices/progress';
import { createRunsSlice, type RunsSlice } from './slices/runs';
import { createSettingsSlice, type SettingsSlice } from './slices/settings';
import { migratePersisted, PERSIST_VERSION, type PersistedState } from './migrate';

export type Store = SettingsSlice & ProgressSlice & EngineSlice & RunsSlice & LabSlice;

export const STORAGE_KEY = 'nnlab-state';

/** Set when saved state could not be read; the app tells the reader and starts fresh. */
export const storageStatus = { corrupted: false };

/**
 * localStorage with a guard: a corrupted entry (hand-edited, truncated, from a buggy build)
 * is moved aside instead of crashing the page, so nothing is silently lost.
 */
const safeStorage: PersistStorage<PersistedState> = {
  getItem(name) {
    let raw: string | null = null;
    try {
      raw = localStorage.getItem(name);
      if (raw === null) return null;
      const parsed = JSON.parse(raw) as StorageValue<PersistedState>;
      if (typeof parsed !== 'object' || parsed === null || typeof parsed.state !== 'object') throw new Error('shape');
      return parsed;
    } catch {
      storageStatus.corrupted = true;
      try {
        if (raw !== null) localStorage.setItem(`${name}-corrupted-${Date.now()}`, raw);
        localStorage.removeItem(name);
      } catch {
        // storage unavailable: nothing more to do
      }
      return null;
    }
  },
  setItem(name, value) {
    try {
      localStorage.setItem(name, JSON.stringify(value));
    } catch {
      // Quota or privacy mode: settings just won't persist.
    }
  },
  removeItem(name) {
    try {
      localStorage.removeItem(name);
    } catch {
      // ignore
    }
  },
};

export const useStore = create<Store>()(
  persist(
    (...a) => ({
      ...createSettingsSlice(...a),
      ...createProgressSlice(...a),
      ...createEngineSlice(...a),
      ...createRunsSlice(...a),
      ...createLabSlice(...a),
    }),
    {
      name: STORAGE_KEY,
      version: PERSIST_VERSION,
      storage: safeStorage,
      // Only settings and progress persist; runs are saved to IndexedDB by the lab, never tensors here.
      partialize: (s): PersistedState => ({ settings: s.settings, progress: s.progress }),
      migrate: (persisted, version) => migratePersisted(persisted, version),
      merge: (persisted, current) => {
        // Nothing saved (a first visit): keep the initial state, whose language is the browser's.
        if (persisted === undefined || persisted === null) return current;
        const p = migratePersisted(persisted, PERSIST_VERSION);
        return { ...current, settings: { ...current.settings, ...p.settings }, progress: { ...current.progress, ...p.progress } };
      },
    },
  ),
);
