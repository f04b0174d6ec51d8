/** State of early stopping; plain data so it can be checkpointed. */
export interface EarlyStoppingState {
  best: number;
  /** Epochs since the last improvement. */
  wait: number;
}

export function initialEarlyStopping(): EarlyStoppingState {
  return { best: Infinity, wait: 0 };
}

/**
 * Feeds one epoch's monitored loss (validation loss, or training loss without a validation
 * set). Returns the new state and whether to stop: a loss counts as an improvement only
 * when it beats the best so far by more than `minDelta`; after `patience` epochs without
 * one, training stops, before the net memorises the training set.
 */
export function updateEarlyStopping(
  state: EarlyStoppingState,
  loss: number,
  opts: { patience: number; minDelta: number },
): { state: EarlyStoppingState; stop: boolean } {
  if (Number.isFinite(loss) && loss < state.best - opts.minDelta) {
    return { state: { best: loss, wait: 0 }, stop: false };
  }
  const wait = state.wait + 1;
  return { state: { best: state.best, wait }, stop: wait >= Math.max(1, opts.patience) };
}
