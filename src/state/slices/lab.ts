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
    /** The digit under study in the drawing and inside-the-network panels (28×28 uint8, 0–255); not persisted. */
    probe: LabProbe | null;
  };
  setLabSpec(spec: ModelSpec, preset: string): void;
  setActiveRun(runId: string | null): void;
  setProbe(probe: LabProbe | null): void;
}

export interface LabProbe {
  pixels: Uint8Array;
  /** Drawn by the reader, or a test image (with its index in the test split). */
  source: 'drawn' | 'test';
  index?: number;
}

export const createLabSlice: StateCreator<Store, [], [], LabSlice> = (set) => ({
  lab: { spec: SEED_CNN, preset: 'seed', activeRunId: null, probe: null },
  setLabSpec: (spec, preset) => set((s) => ({ lab: { ...s.lab, spec, preset } })),
  setActiveRun: (activeRunId) => set((s) => ({ lab: { ...s.lab, activeRunId } })),
  setProbe: (probe) => set((s) => ({ lab: { ...s.lab, probe } })),
});
