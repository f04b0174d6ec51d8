/** Plain-data training configuration, shared by the UI, the worker and the trainer. */

export const OPTIMIZERS = ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export type LrSchedule =
  | { type: 'constant' }
  /** lr · gamma^floor(epoch / stepSize) */
  | { type: 'step'; stepSize: number; gamma: number }
  /** lr · gamma^epoch (continuous in steps: gamma^(step / stepsPerEpoch)) */
  | { type: 'exponential'; gamma: number }
  /** cosine annealing from lr to minLr over the whole run */
  | { type: 'cosine'; minLr: number }
  /** triangular cyclical LR between minLr and lr, half-cycle of `stepSize` epochs */
  | { type: 'cyclical'; minLr: number; stepSize: number };

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  schedule: LrSchedule;
  /** Fraction of the training examples held out for validation, 0 ≤ v < 1. */
  validationSplit: number;
  /** Seeds shuffling, the validation split, weight init and dropout. */
  seed: number;
  /** Use only the first `subset` training examples (all when undefined). */
  subset?: number;
  /** Stop when validation loss has not improved by minDelta for `patience` epochs. */
  earlyStopping?: { patience: number; minDelta: number };
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  epochs: 1,
  batchSize: 64,
  learningRate: 1e-3,
  optimizer: 'adam',
  schedule: { type: 'constant' },
  validationSplit: 0.1,
  seed: 42,
};

export interface BatchMetrics {
  epoch: number;
  /** Batch index within the epoch. */
  batch: number;
  /** Global step counter across epochs (0-based). */
  step: number;
  loss: number;
  acc: number;
  lr: number;
  /** Smoothed training throughput. */
  imagesPerSec: number;
}

export interface EpochMetrics {
  epoch: number;
  loss: number;
  acc: number;
  valLoss: number | null;
  valAcc: number | null;
  seconds: number;
  imagesPerSec: number;
}
