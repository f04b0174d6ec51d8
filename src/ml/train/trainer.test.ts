import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/builder';
import type { ModelSpec } from '../model/spec';
import { lrAt } from './schedules';
import { syntheticMnist } from './synthetic';
import { Trainer, TrainerError, type TrainerOptions } from './trainer';
import { DEFAULT_TRAIN_CONFIG, OPTIMIZERS, type BatchMetrics, type EpochMetrics, type TrainConfig } from './types';

const MLP: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'flatten' },
    { type: 'dense', units: 16, activation: 'relu' },
    { type: 'dropout', rate: 0.2 },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};
/** Conv + batch norm + dropout, logits output: every code path, still fast on cpu. */
const TINY_CNN: ModelSpec = {
  inputShape: [28, 28, 1],
  init: 'heNormal',
  layers: [
    { type: 'conv2d', filters: 2, kernelSize: 3, strides: 2, activation: 'relu' },
    { type: 'batchNorm' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'dropout', rate: 0.1 },
    { type: 'flatten' },
    { type: 'dense', units: 10 },
  ],
};

const train = syntheticMnist(320, 1);
const val = syntheticMnist(100, 2);
const cfg = (c: Partial<TrainConfig> = {}): TrainConfig => ({ ...DEFAULT_TRAIN_CONFIG, batchSize: 32, epochs: 2, ...c });

function setup(spec: ModelSpec, config: TrainConfig, extra: Partial<TrainerOptions> = {}) {
  const model = buildModel(spec, { seed: config.seed });
  const batches: BatchMetrics[] = [];
  const epochs: EpochMetrics[] = [];
  const trainer = new Trainer({
    model,
    config,
    train,
    val,
    fromLogits: spec === TINY_CNN,
    ...extra,
    callbacks: { onBatch: (m) => batches.push(m), onEpoch: (m) => epochs.push(m), ...extra.callbacks },
  });
  const done = () => {
    trainer.dispose();
    model.dispose();
  };
  return { model, trainer, batches, epochs, done };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Trainer', () => {
  it('loss decreases and validation accuracy rises', async () => {
    const t = setup(MLP, cfg({ epochs: 3 }));
    const r = await t.trainer.run();
    t.done();
    expect(r.reason).toBe('done');
    expect(t.batches).toHaveLength(30);
    expect(t.batches.map((b) => b.step)).toEqual([...Array(30).keys()]);
    expect(t.epochs[2].loss).toBeLessThan(t.epochs[0].loss * 0.6);
    expect(t.epochs[2].valAcc!).toBeGreaterThan(0.8);
    expect(t.batches.every((b) => b.imagesPerSec > 0 && b.lr === 1e-3)).toBe(true);
  });

  it('the same seed gives identical metrics, another seed different ones', async () => {
    const losses = async (seed: number) => {
      const t = setup(MLP, cfg({ seed }));
      await t.trainer.run();
      t.done();
      return [...t.batches.map((b) => b.loss), t.epochs[1].valLoss];
    };
    const a = await losses(7);
    expect(await losses(7)).toEqual(a);
    expect(await losses(8)).not.toEqual(a);
  });

  it.each(OPTIMIZERS)('%s reduces the loss', async (optimizer) => {
    const lr = { sgd: 0.1, momentum: 0.05, adagrad: 0.05, rmsprop: 1e-3, adam: 1e-3 }[optimizer];
    const t = setup(MLP, cfg({ optimizer, learningRate: lr }));
    await t.trainer.run();
    t.done();
    expect(t.epochs[1].loss).toBeLessThan(t.epochs[0].loss);
  });

  it('sets the scheduled learning rate every step', async () => {
    const config = cfg({ optimizer: 'sgd', learningRate: 0.1, schedule: { type: 'cosine', minLr: 0 } });
    const t = setup(MLP, config);
    await t.trainer.run();
    t.done();
    t.batches.forEach((b) => expect(b.lr).toBeCloseTo(lrAt(config.schedule, 0.1, b.step, 10, 20), 10));
    expect(t.batches.at(-1)!.lr).toBeLessThan(0.01);
  });

  it('keeps tf.memory().numTensors flat across epochs', async () => {
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const t = setup(TINY_CNN, cfg({ epochs: 4, optimizer: 'momentum', schedule: { type: 'step', stepSize: 1, gamma: 0.5 } }), {
      checkpointEveryMs: 0,
      callbacks: { onEpoch: () => counts.push(tf.memory().numTensors) },
    });
    await t.trainer.run();
    expect(new Set(counts.slice(1)).size).toBe(1);
    t.done();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pauses, resumes and stops', async () => {
    const statuses: string[] = [];
    const t = setup(MLP, cfg({ epochs: 3 }), { callbacks: { onStatus: (s) => statuses.push(s) } });
    const run = t.trainer.run();
    while (t.batches.length < 3) await new Promise((r) => setTimeout(r, 1));
    t.trainer.pause();
    expect(t.trainer.status).toBe('paused');
    const atPause = t.batches.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(t.batches.length).toBe(atPause); // nothing trains while paused
    t.trainer.resume();
    while (t.batches.length < atPause + 3) await new Promise((r) => setTimeout(r, 1));
    t.trainer.stop();
    const r = await run;
    t.done();
    expect(r.reason).toBe('stopped');
    expect(t.batches.length).toBeLessThan(30);
    expect(statuses).toEqual(['paused', 'running']);
  });

  it('stop while paused ends the run', async () => {
    const t = setup(MLP, cfg());
    t.trainer.pause();
    const run = t.trainer.run();
    await new Promise((r) => setTimeout(r, 50));
    t.trainer.stop();
    expect((await run).reason).toBe('stopped');
    t.done();
    expect(t.batches).toHaveLength(0);
  });

  it('early stopping triggers', async () => {
    // minDelta 100: nothing counts as an improvement after the first epoch.
    const t = setup(MLP, cfg({ epochs: 10, earlyStopping: { patience: 2, minDelta: 100 } }));
    const r = await t.trainer.run();
    t.done();
    expect(r.reason).toBe('early-stopped');
    expect(t.epochs).toHaveLength(3);
  });

  it('resumes from a mid-epoch checkpoint with the same results', async () => {
    const spec: ModelSpec = { ...MLP, layers: MLP.layers.filter((l) => l.type !== 'dropout') };
    const straight = setup(spec, cfg());
    await straight.trainer.run();
    straight.done();

    const first = setup(spec, cfg(), { checkpointEveryMs: 0 });
    const run = first.trainer.run();
    while (first.batches.length < 14) await new Promise((r) => setImmediate(r));
    first.trainer.stop();
    await run;
    const ckpt = first.trainer.checkpoint!;
    first.done();
    expect(ckpt.step).toBe(first.batches.length);
    expect(ckpt.epoch).toBe(1);

    // A fresh model (other initial weights): the checkpoint must restore everything.
    const second = setup(spec, cfg({ seed: 999 }), { resume: ckpt });
    (second.trainer as unknown as { opts: { config: TrainConfig } }).opts.config = cfg();
    await second.trainer.run();
    second.done();
    const steps = [...first.batches, ...second.batches].map((b) => b.step);
    expect(steps).toEqual([...Array(20).keys()]);
    second.batches.forEach((b, i) => expect(b.loss).toBeCloseTo(straight.batches[ckpt.step + i].loss, 4));
    expect(second.epochs).toHaveLength(1);
    expect(second.epochs[0].loss).toBeCloseTo(straight.epochs[1].loss, 4);
    expect(second.epochs[0].valLoss!).toBeCloseTo(straight.epochs[1].valLoss!, 4);
  });

  it('a failing step throws TrainerError carrying the last checkpoint', async () => {
    let n = 0;
    const t = setup(MLP, cfg(), { checkpointEveryMs: 0, healthCheck: () => (++n === 5 ? 'device lost' : null) });
    const err = await t.trainer.run().catch((e) => e);
    t.done();
    expect(err).toBeInstanceOf(TrainerError);
    expect(err.message).toBe('device lost');
    expect(err.step).toBe(4);
    expect(err.checkpoint.step).toBe(4);
  });
});
