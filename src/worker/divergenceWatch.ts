/**
 * Follows one run's metrics in the worker and says when its divergence verdict changes
 * (detectDivergence in ml/train/divergence.ts): the runner posts only the changes.
 */
import { detectDivergence, type Divergence } from '../ml/train/divergence';
import type { BatchMetrics, EpochMetrics } from '../ml/train/types';

export class DivergenceWatch {
  private startLoss: number | null = null;
  private steps = 0;
  private epochs: EpochMetrics[] = [];
  private verdict: string = 'none';

  batch(m: BatchMetrics): void {
    // The first batch's loss is computed before any update: where the run started.
    if (this.startLoss === null) this.startLoss = m.loss;
    this.steps = Math.max(this.steps, m.step + 1);
  }

  /** The new verdict when it differs from the last one (null: healthy again), else undefined. */
  epoch(m: EpochMetrics): Divergence | null | undefined {
    this.epochs.push(m);
    const d = detectDivergence({ startLoss: this.startLoss, epochs: this.epochs, steps: this.steps });
    const key = d ? d.code : 'ok';
    if (key === this.verdict || (key === 'ok' && this.verdict === 'none')) return undefined;
    this.verdict = key;
    return d;
  }
}
