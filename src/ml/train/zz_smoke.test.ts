import * as tf from '@tensorflow/tfjs';
import { test } from 'vitest';
import { buildModel } from '../model/builder';
import { SEED_CNN } from '../model/spec';
import { Trainer } from '../train/trainer';
import { syntheticMnist } from '../train/synthetic';
import { DEFAULT_TRAIN_CONFIG } from '../train/types';
test('smoke', async () => {
  await tf.setBackend('cpu');
  const model = buildModel(SEED_CNN, { seed: 1 });
  console.log('params', model.countParams());
  const data = syntheticMnist(640, 3);
  const t = new Trainer({ model, config: { ...DEFAULT_TRAIN_CONFIG, epochs: 2 }, train: data, val: syntheticMnist(200, 4),
    callbacks: { onBatch: (m) => m.batch % 3 === 0 && console.log(JSON.stringify(m)), onEpoch: (m) => console.log('E', JSON.stringify(m), tf.memory().numTensors) } });
  const t0 = performance.now();
  const r = await t.run();
  console.log(r.reason, performance.now() - t0);
});
