import * as tf from '@tensorflow/tfjs';
import { fastAdam } from '../backends/fastAdam';
import type { OptimizerName } from './types';

/**
 * Creates a tfjs optimizer.
 * - sgd:      w ← w − lr·g
 * - momentum: velocity v ← 0.9·v + g; w ← w − lr·v (rolls through ravines faster)
 * - adagrad:  divides lr by the root of the sum of all past squared gradients (rates only shrink)
 * - rmsprop:  like adagrad but with a moving average (decay 0.9), so rates can recover
 * - adam:     momentum + rmsprop with bias correction (β1 0.9, β2 0.999)
 */
export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, 0.9);
    case 'adagrad':
      return tf.train.adagrad(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate, 0.9);
    case 'adam':
      // tf.train.adam with a fused update on wasm (bit-identical; stock update elsewhere).
      return fastAdam(learningRate, 0.9, 0.999);
    default:
      throw new Error(`unknown optimizer ${String(name)}`);
  }
}

/** Reads the optimizer's current learning rate. */
export function getLearningRate(opt: tf.Optimizer): number {
  return (opt as unknown as { learningRate: number }).learningRate;
}

/**
 * Sets the learning rate used by the next step. tfjs reads `learningRate` on every
 * applyGradients; SGD (and momentum, its subclass) cache it as a scalar tensor, so they
 * must go through setLearningRate, which disposes the old scalar.
 */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  if (getLearningRate(opt) === lr) return;
  // (tfjs optimizers answer instanceof by duck typing, so test for the method itself.)
  const sgd = opt as unknown as { setLearningRate?: (lr: number) => void; learningRate: number };
  if (typeof sgd.setLearningRate === 'function') sgd.setLearningRate(lr);
  else sgd.learningRate = lr;
}

/** Disposes an optimizer's tensors (moments, accumulators, cached scalars). */
export function disposeOptimizer(opt: tf.Optimizer): void {
  opt.dispose();
  // tfjs's MomentumOptimizer.dispose() forgets the learning-rate scalar it inherits from SGD.
  if (opt.getClassName() === 'Momentum') {
    const c = (opt as unknown as { c?: tf.Tensor }).c;
    if (c && !c.isDisposed) c.dispose();
  }
}
