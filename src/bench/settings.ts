import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../ml/train/types';

/** The benchmark's batch: the app's default. */
export const BATCH = 64;
/** The app's defaults: Adam 1e-3, batch 64, seed 42, constant learning rate. */
export const CONFIG: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, batchSize: BATCH, validationSplit: 0 };
/** A step slower than this (after the first) marks a slow backend: fewer, combined runs. */
export const SLOW_STEP_MS = 1000;
