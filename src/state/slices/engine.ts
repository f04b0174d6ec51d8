import type { StateCreator } from 'zustand';
import type { BackendName, BackendProbe, WorkerErrorCode } from '../../worker/protocol';
import type { Store } from '../store';

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  /** Key into the notices text table (src/app/noticeText.ts) or a literal message. */
  code: string;
  detail?: string;
}

export interface EngineSlice {
  engine: {
    status: 'idle' | 'starting' | 'ready' | 'error';
    backend: BackendName | null;
    probes: BackendProbe[];
    reason: string | null;
    data: { split: 'train' | 'test'; loaded: number; total: number } | null;
    error: { code: WorkerErrorCode; detail: string } | null;
  };
  notices: Notice[];
  setEngine(patch: Partial<EngineSlice['engine']>): void;
  pushNotice(n: Omit<Notice, 'id'>): void;
  dismissNotice(id: number): void;
}

let nextNotice = 1;

export const createEngineSlice: StateCreator<Store, [], [], EngineSlice> = (set) => ({
  engine: { status: 'idle', backend: null, probes: [], reason: null, data: null, error: null },
  notices: [],
  setEngine: (patch) => set((s) => ({ engine: { ...s.engine, ...patch } })),
  pushNotice: (n) => set((s) => ({ notices: [...s.notices.slice(-4), { ...n, id: nextNotice++ }] })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
