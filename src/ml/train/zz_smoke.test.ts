import * as tf from '@tensorflow/tfjs';
import { test } from 'vitest';
import { buildModel } from '../model/builder';
import { Trainer } from './trainer';
import { syntheticMnist } from './synthetic';
import { DEFAULT_TRAIN_CONFIG } from './types';
test('smoke', async () => {
  await tf.setBackend('cpu');
  for (const spec of [
    { inputShape: [28, 28, 1] as [number, number, number], layers: [{ type: 'flatten' as const }, { type: 'dense' as const, units: 32, activation: 'relu' as const }, {type:'dropout' as const, rate: 0.2}, { type: 'dense' as const, units: 10, activation: 'softmax' as const }] },
    { inputShape: [28, 28, 1] as [number, number, number], layers: [{ type: 'conv2d' as const, filters: 4, kernelSize: 3, activation: 'relu' as const }, { type: 'maxPool' as const, poolSize: 2 }, {type: 'batchNorm' as const}, { type: 'flatten' as const }, { type: 'dense' as const, units: 10 }] },
  ]) {
  const model = buildModel(spec, { seed: 1 });
  const data = syntheticMnist(640, 3);
  const t = new Trainer({ model, config: { ...DEFAULT_TRAIN_CONFIG, epochs: 3 }, fromLogits: spec.layers.length === 5, train: data, val: syntheticMnist(200, 4),
    callbacks: { onBatch: (m) => m.batch % 5 === 0 && console.log(JSON.stringify(m)), onEpoch: (m) => console.log('E', JSON.stringify(m), tf.memory().numTensors) } });
  const t0 = performance.now();
  const r = await t.run();
  console.log(r.reason, performance.now() - t0);
  }
});
