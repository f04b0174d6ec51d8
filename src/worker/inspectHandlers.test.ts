import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '../ml/data/loader';
import { buildModel } from '../ml/model/builder';
import { SEED_CNN, type ModelSpec } from '../ml/model/spec';
import { packModelWeights } from '../ml/train/checkpoint';
import { InspectHandlers } from './inspectHandlers';
import type { WorkerEvent } from './protocol';
import { Runner } from './runner';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function testSplit(n: number): MnistData {
  const images = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 10;
    for (let p = 0; p < 784; p += 7 + (i % 10)) images[i * 784 + p] = 200;
  }
  return { images, labels, count: n };
}

/** A small CNN: the CPU backend in Node is too slow for the seed CNN on thousands of images. */
const SMALL: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [{ type: 'conv2d', filters: 2, kernelSize: 3, activation: 'relu' }, { type: 'maxPool', poolSize: 4 }, { type: 'flatten' }, { type: 'dense', units: 10 }],
};

function setup(loadTest: ((onProgress: (loaded: number, total: number) => void) => Promise<MnistData>) | null, spec = SMALL) {
  const events: WorkerEvent[] = [];
  const h = new InspectHandlers({ post: (ev) => events.push(ev), loadTest });
  const target = { model: buildModel(spec, { seed: 1 }), spec };
  return { events, h, target };
}

describe('InspectHandlers', () => {
  it('evaluates the test split: progress, then a result whose matrix sums to N; the split is loaded once', async () => {
    let loads = 0;
    const { events, h, target } = setup(async (onProgress) => {
      loads++;
      onProgress(0, 10);
      onProgress(10, 10);
      return testSplit(1200);
    });
    await h.evaluate({ type: 'evaluate', requestId: 'r1', runId: 'run', limit: 1100 }, target);
    const ev = events.find((e) => e.type === 'evaluation');
    expect(ev?.type === 'evaluation' && ev.requestId).toBe('r1');
    if (ev?.type !== 'evaluation') throw new Error('no result');
    expect(ev.result.count).toBe(1100);
    expect(ev.result.confusion.reduce((a, v) => a + v, 0)).toBe(1100);
    const phases = events.filter((e) => e.type === 'evalProgress').map((e) => (e.type === 'evalProgress' ? `${e.phase}:${e.done}/${e.total}` : ''));
    expect(phases[0]).toBe('data:0/10');
    expect(phases).toContain('eval:0/1100');
    expect(phases[phases.length - 1]).toBe('eval:1100/1100');

    // Two requests at once share one evaluation; both are answered. The split is not reloaded.
    events.length = 0;
    await Promise.all([
      h.evaluate({ type: 'evaluate', requestId: 'a', runId: 'run' }, target),
      h.evaluate({ type: 'evaluate', requestId: 'b', runId: 'run' }, target),
    ]);
    const answers = events.filter((e) => e.type === 'evaluation');
    expect(answers.map((e) => e.requestId).sort()).toEqual(['a', 'b']);
    expect(answers.every((e) => e.type === 'evaluation' && e.result.count === 1200)).toBe(true);
    expect(loads).toBe(1);
    target.model.dispose();
  });

  it('reports a data error in the request when the test split cannot load, and retries next time', async () => {
    let fail = true;
    const { events, h, target } = setup(async () => {
      if (fail) throw new Error('checksum: test-images-0.u8.gz: SHA-256 mismatch');
      return testSplit(20);
    });
    await h.evaluate({ type: 'evaluate', requestId: 'x', runId: 'run' }, target);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'data', requestId: 'x' });
    expect(events.at(-1)).not.toHaveProperty('runId');
    fail = false;
    await h.evaluate({ type: 'evaluate', requestId: 'y', runId: 'run' }, target);
    expect(events.at(-1)).toMatchObject({ type: 'evaluation', requestId: 'y' });
    target.model.dispose();
  });

  it('answers activations for a 784-pixel image and rejects anything else', async () => {
    const { events, h, target } = setup(null, SEED_CNN);
    await h.activations({ type: 'activations', requestId: 'a1', runId: 'run', image: testSplit(1).images }, target);
    const ev = events.at(-1);
    if (ev?.type !== 'activationMaps') throw new Error(`unexpected ${ev?.type}`);
    expect(ev.result.layers.map((l) => l.shape)).toEqual([
      [26, 26, 32],
      [13, 13, 32],
      [11, 11, 64],
      [5, 5, 64],
    ]);
    await h.activations({ type: 'activations', requestId: 'a2', runId: 'run', image: new Uint8Array(10) }, target);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'invalid-config', requestId: 'a2' });
    await h.evaluate({ type: 'evaluate', requestId: 'e', runId: 'run' }, target);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'data', requestId: 'e' });
    target.model.dispose();
  });
});

describe('Runner wiring for evaluate and activations', () => {
  it('answers for a loaded model, and reports an unknown run in the request only', async () => {
    const events: WorkerEvent[] = [];
    const urls: string[] = [];
    const r = new Runner({
      post: (ev) => events.push(ev),
      selectBackend: async () => ({ backend: 'cpu', probes: [], reason: 'chosen' }),
      activateBackend: async () => true,
      loadTrain: async () => {
        throw new Error('no training data in this test');
      },
      loadTest: async (dataUrl) => {
        urls.push(dataUrl);
        return testSplit(30);
      },
    });
    await r.handle({ type: 'init', dataUrl: 'data/mnist/', wasmUrl: '', backend: 'cpu' });
    const model = buildModel(SMALL, { seed: 4 });
    const weights = await packModelWeights(model);
    model.dispose();
    await r.handle({ type: 'loadModel', requestId: 'm', runId: 'saved', spec: SMALL, weights });

    await r.handle({ type: 'evaluate', requestId: 'e1', runId: 'saved' });
    const ev = events.at(-1);
    if (ev?.type !== 'evaluation') throw new Error(`unexpected ${JSON.stringify(ev)}`);
    expect(ev.result.count).toBe(30);
    expect(ev.result.confusion.reduce((a, v) => a + v, 0)).toBe(30);
    expect(urls).toEqual(['data/mnist/']);

    await r.handle({ type: 'activations', requestId: 'a1', runId: 'saved', image: testSplit(1).images });
    expect(events.at(-1)).toMatchObject({ type: 'activationMaps', requestId: 'a1', runId: 'saved' });

    await r.handle({ type: 'evaluate', requestId: 'e2', runId: 'nope' });
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'unknown-run', requestId: 'e2' });
    expect(events.at(-1)).not.toHaveProperty('runId');
  });
});
