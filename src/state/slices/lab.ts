import type { StateCreator } from 'zustand';
import { SEED_CNN, type ModelSpec } from '../../ml/model/spec';
import type { Store } from '../store';

/** Shared state of chapter 7's lab panels: the architecture being trained and the run under study. */
export interface LabSlice {
  lab: {
    spec: ModelSpec;
    /** Preset the spec came from ('seed', 'mlp', 'deep') or 'custom' once edited. */
    preset: string;
    /** The run whose model the evaluation, inside-the-network and drawing panels use. */
    activeRunId: string | null;
  };
  setLabSpec(spec: ModelSpec, preset: string): void;
  setActiveRun(runId: string | null): void;
}

export const createLabSlice: StateCreator<Store, [], [], LabSlice> = (set) => ({
  lab: { spec: SEED_CNN, preset: 'seed', activeRunId: null },
  setLabSpec: (spec, preset) => set((s) => ({ lab: { ...s.lab, spec, preset } })),
  setActiveRun: (activeRunId) => set((s) => ({ lab: { ...s.lab, activeRunId } })),
});
