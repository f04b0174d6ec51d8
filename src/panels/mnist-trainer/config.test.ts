import { describe, expect, it } from 'vitest';
import { SEED_CNN } from '../../ml/model/spec';
import { DEFAULT_TRAIN_CONFIG, type EpochMetrics } from '../../ml/train/types';
import type { Run } from '../../state/slices/runs';
import { defaults, parseSettingsTable } from '../settings';
import { buildConfig, continueConfig, epochHistory } from './config';
import { presetOfRaw, RUN_PRESETS } from './presets';
import { TRAINER_SETTINGS } from './settings';

const values = (raw: Record<string, string>) => parseSettingsTable(TRAINER_SETTINGS, raw).values;
const ep = (epoch: number, valAcc: number): EpochMetrics => ({ epoch, loss: 1 - valAcc, acc: valAcc, valLoss: 1 - valAcc, valAcc, seconds: 1, imagesPerSec: 100 });
const run = (id: string, patch: Partial<Run>): Run => ({
  id, owner: 'mnist-trainer', spec: SEED_CNN, config: { ...DEFAULT_TRAIN_CONFIG, epochs: 5 }, status: 'stopped', backend: 'cpu', trainCount: 0, valCount: 0,
  stepsPerEpoch: 0, startedAt: 0, elapsedMs: 0, batches: [], epochs: [], ...patch,
});

describe('buildConfig', () => {
  it('gives the course defaults with a quick first run: 5,000 images × 2 epochs, Adam 0.001, batches of 64, 10% validation', () => {
    const { config, problems } = buildConfig(defaults(TRAINER_SETTINGS));
    expect(problems).toEqual([]);
    expect(config).toEqual({ epochs: 2, subset: 5000, batchSize: 64, learningRate: 0.001, optimizer: 'adam', schedule: { type: 'constant' }, validationSplit: 0.1, seed: 42 });
    expect(presetOfRaw({ subset: '5000', epochs: '2' })).toBe('quick');
  });

  it('the full seed recipe is a preset: all 60,000 images (no subset) for 10 epochs', () => {
    const full = buildConfig(values({ subset: String(RUN_PRESETS.full.subset), epochs: String(RUN_PRESETS.full.epochs) })).config;
    expect(full.subset).toBeUndefined();
    expect(full.epochs).toBe(10);
    expect(presetOfRaw({ subset: '60000', epochs: '10' })).toBe('full');
    expect(presetOfRaw({ subset: '60000', epochs: '3' })).toBeNull();
  });

  it('maps every schedule and early stopping to TrainConfig', () => {
    expect(buildConfig(values({ schedule: 'step', stepSize: '3', gamma: '0.1' })).config.schedule).toEqual({ type: 'step', stepSize: 3, gamma: 0.1 });
    expect(buildConfig(values({ schedule: 'exponential', gamma: '0.9' })).config.schedule).toEqual({ type: 'exponential', gamma: 0.9 });
    expect(buildConfig(values({ schedule: 'cosine', minLr: '0.0001' })).config.schedule).toEqual({ type: 'cosine', minLr: 0.0001 });
    expect(buildConfig(values({ schedule: 'cyclical', minLr: '0.0001', stepSize: '2' })).config.schedule).toEqual({ type: 'cyclical', minLr: 0.0001, stepSize: 2 });
    const c = buildConfig(values({ earlyStopping: 'true', patience: '3', minDelta: '0.01', subset: '2000' })).config;
    expect(c.earlyStopping).toEqual({ patience: 3, minDelta: 0.01 });
    expect(c.subset).toBe(2000);
  });

  it('reports problems that involve several fields, in both languages', () => {
    const p = buildConfig(values({ schedule: 'cosine', lr: '0.001', minLr: '0.01' })).problems;
    expect(p.map((x) => x.key)).toEqual(['minLr']);
    expect(p[0].zh).toContain('最小学习率');
    expect(buildConfig(values({ earlyStopping: 'true', validationSplit: '0' })).problems.map((x) => x.key)).toEqual(['earlyStopping']);
    // 256 images, half held out: 128 left for training, fewer than a batch of 512.
    expect(buildConfig(values({ subset: '256', validationSplit: '0.5', batchSize: '512' })).problems.map((x) => x.key)).toEqual(['batchSize']);
  });
});

describe('continuing runs', () => {
  it('continues with the epochs that were left, keeping the split and seed', () => {
    const r = run('a', { config: { ...DEFAULT_TRAIN_CONFIG, epochs: 5, seed: 7, subset: 3000 }, checkpoint: { epochs: 2, savedAt: 1 } });
    expect(continueConfig(r, 4)).toEqual({ ...r.config, epochs: 3 });
    expect(continueConfig({ ...r, checkpoint: { epochs: 5, savedAt: 1 } }, 4).epochs).toBe(4);
  });

  it("draws a continued run's history after its parent's, as far as the parent's weights went", () => {
    const parent = run('p', { epochs: [ep(0, 0.9), ep(1, 0.95), ep(2, 0.96)], checkpoint: { epochs: 2, savedAt: 1 } });
    const child = run('c', { parentId: 'p', source: 'continue', epochs: [ep(0, 0.97), ep(1, 0.98)] });
    const h = epochHistory(child, { p: parent, c: child });
    expect(h.map((e) => [e.epoch, e.valAcc])).toEqual([
      [0, 0.9],
      [1, 0.95],
      [2, 0.97],
      [3, 0.98],
    ]);
    // A missing parent or a cycle does not break it.
    expect(epochHistory(child, { c: child })).toHaveLength(2);
    const loop = run('l', { parentId: 'l', source: 'continue', epochs: [ep(0, 0.5)] });
    expect(epochHistory(loop, { l: loop })).toHaveLength(1);
  });
});
