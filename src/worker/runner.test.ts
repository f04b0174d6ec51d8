import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../ml/model/spec';
import { syntheticMnist } from '../ml/train/synthetic';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../ml/train/types';
import type { BackendName, WorkerCommand, WorkerEvent } from './protocol';
import { Runner, type RunnerDeps } from './runner';

const MLP: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [{ type: 'flatten' }, { type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }],
};
const LOGITS: ModelSpec = { ...MLP, layers: [{ type: 'flatten' }, { type: 'dense', units: 10 }] };
const config = (c: Partial<TrainConfig> = {}): TrainConfig => ({ ...DEFAULT_TRAIN_CONFIG, batchSize: 32, subset: 400, epochs: 2, ...c });
const DATA = syntheticMnist(1000, 9);

/** A runner on the cpu backend that pretends to be on `start` (and switches by pretending too). */
function harness(opts: { start?: BackendName; failAt?: number[]; unavailable?: BackendName[]; extra?: Partial<RunnerDeps> } = {}) {
  const events: { ev: WorkerEvent; transfer?: Transferable[] }[] = [];
  let step = 0;
  const failAt = new Set(opts.failAt ?? []);
  const runner = new Runner({
    post: (ev, transfer) => events.push({ ev, transfer }),
    selectBackend: async () => ({ backend: opts.start ?? 'cpu', probes: [{ name: opts.start ?? 'cpu', ok: true, imagesPerSec: 1 }], reason: 'fastest' }),
    activateBackend: async (name) => !(opts.unavailable ?? []).includes(name),
    loadTrain: async (_url, limit, onProgress) => {
      onProgress(0, 100);
      onProgress(100, 100);
      return limit ? { images: DATA.images.slice(0, limit * 784), labels: DATA.labels.slice(0, limit), count: limit } : DATA;
    },
    trainerOptions: {
      checkpointEveryMs: 1e9,
      // Simulates a GPU dying before the given health checks (one per batch attempt).
      healthCheck: () => (failAt.has(step++) ? 'simulated device lost' : null),
    },
    ...opts.extra,
  });
  const of = <T extends WorkerEvent['type']>(type: T) =>
    events.map((e) => e.ev).filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const send = (cmd: WorkerCommand) => runner.handle(cmd);
  const init = () => send({ type: 'init', dataUrl: '/data/mnist/', wasmUrl: '/tfjs-wasm/', backend: 'auto' });
  return { runner, events, of, send, init };
}

const untilEvent = async (h: ReturnType<typeof harness>, pred: (ev: WorkerEvent) => boolean) => {
  while (!h.events.some((e) => pred(e.ev))) await new Promise((r) => setTimeout(r, 2));
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Runner', () => {
  it('trains: ready, dataProgress, runStarted, batches, epochs, runEnded', async () => {
    const h = harness();
    await h.init();
    await h.send({ type: 'train', runId: 'r1', spec: MLP, config: config() });
    const types = h.events.map((e) => e.ev.type);
    expect(types[0]).toBe('ready');
    expect(types).toContain('dataProgress');
    expect(h.of('runStarted')[0]).toEqual({ type: 'runStarted', runId: 'r1', trainCount: 360, valCount: 40, stepsPerEpoch: 12, backend: 'cpu' });
    expect(h.of('batch').map((b) => b.m.step)).toEqual([...Array(24).keys()]);
    expect(h.of('epoch').map((e) => e.m.epoch)).toEqual([0, 1]);
    expect(h.of('epoch')[1].m.valAcc).not.toBeNull();
    expect(h.of('runEnded')).toEqual([{ type: 'runEnded', runId: 'r1', reason: 'done' }]);
    expect(h.of('error')).toEqual([]);
    // A healthy run sends no divergence verdict.
    expect(h.of('divergence')).toEqual([]);
  });

  it('says after the epoch when training diverges (learning rate 1 with Adam), once per verdict', async () => {
    const h = harness();
    await h.init();
    await h.send({ type: 'train', runId: 'r1', spec: MLP, config: config({ learningRate: 1, optimizer: 'adam' }) });
    const types = h.events.map((e) => e.ev.type);
    const verdicts = h.of('divergence');
    expect(verdicts.length).toBe(1);
    expect(types.indexOf('divergence')).toBe(types.indexOf('epoch') + 1);
    const d = verdicts[0].d!;
    expect(['exploded', 'nan']).toContain(d.code);
    expect(d.startLoss).toBeCloseTo(Math.log(10), 0);
    expect(h.of('runEnded')[0].reason).toBe('done');
  });

  it('trains a dilated convolution (its gradient comes from wasmGradients)', async () => {
    const h = harness();
    await h.init();
    const spec: ModelSpec = {
      inputShape: [28, 28, 1],
      layers: [{ type: 'conv2d', filters: 2, kernelSize: 3, dilation: 2, activation: 'relu' }, { type: 'maxPool', poolSize: 4 }, ...LOGITS.layers],
    };
    await h.send({ type: 'train', runId: 'd', spec, config: config({ epochs: 1, subset: 128 }) });
    expect(h.of('error')).toEqual([]);
    expect(h.of('runEnded')[0].reason).toBe('done');
  });

  it('rejects an invalid spec and an invalid config with coded errors', async () => {
    const h = harness();
    await h.init();
    const bad: ModelSpec = { ...MLP, layers: [{ type: 'conv2d', filters: 4, kernelSize: 40 }, ...MLP.layers] };
    await h.send({ type: 'train', runId: 'bad', spec: bad, config: config() });
    await h.send({ type: 'train', runId: 'cfg', spec: MLP, config: config({ batchSize: 0 }) });
    const errs = h.of('error');
    expect(errs.map((e) => [e.code, e.runId])).toEqual([
      ['invalid-spec', 'bad'],
      ['invalid-config', 'cfg'],
    ]);
    expect(errs[0].detail).toMatch(/Layer 1 \(conv2d\).*kernel/);
    expect(errs[0].issues?.[0]).toMatchObject({ code: 'kernel-too-large', layer: 0, layerType: 'conv2d' });
    expect(errs[0].issues?.[0].message.zh).toMatch(/^第 1 层/);
    expect(h.of('runEnded').map((e) => e.reason)).toEqual(['error', 'error']);
  });

  it('answers getWeights (transferable) and predict (softmax rows), also for logits models', async () => {
    const h = harness();
    await h.init();
    await h.send({ type: 'train', runId: 'r', spec: LOGITS, config: config({ epochs: 1 }) });
    await h.send({ type: 'getWeights', requestId: 'w1', runId: 'r' });
    const w = h.events.find((e) => e.ev.type === 'weights')!;
    expect(w.transfer).toHaveLength(1);
    if (w.ev.type !== 'weights') throw new Error();
    expect(w.ev.weights.specs.map((s) => s.shape)).toEqual([[784, 10], [10]]);
    expect(w.ev.weights.data.byteLength).toBe(7850 * 4);

    await h.send({ type: 'predict', requestId: 'p1', runId: 'r', images: DATA.images.slice(0, 3 * 784), count: 3 });
    const p = h.of('prediction')[0];
    expect(p.probs).toHaveLength(30);
    for (let i = 0; i < 3; i++) expect(p.probs.slice(i * 10, i * 10 + 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    // A new run can start from the saved weights.
    await h.send({ type: 'train', runId: 'r2', spec: LOGITS, config: config({ epochs: 1 }), initialWeights: w.ev.weights });
    expect(h.of('runEnded').map((e) => e.reason)).toEqual(['done', 'done']);
    await h.send({ type: 'predict', requestId: 'p2', runId: 'nope', images: new Uint8Array(784), count: 1 });
    await h.send({ type: 'predict', requestId: 'p3', runId: 'r', images: new Uint8Array(10), count: 1 });
    expect(h.of('error').map((e) => [e.code, e.requestId, e.runId])).toEqual([
      ['unknown-run', 'p2', undefined],
      ['invalid-config', 'p3', undefined],
    ]);
  });

  it('pauses, resumes and stops a run by command', async () => {
    const h = harness();
    await h.init();
    const done = h.send({ type: 'train', runId: 'r', spec: MLP, config: config({ epochs: 20 }) });
    await untilEvent(h, (e) => e.type === 'batch' && e.m.step >= 2);
    await h.send({ type: 'pause', runId: 'r' });
    await new Promise((r) => setTimeout(r, 50));
    const n = h.of('batch').length;
    await new Promise((r) => setTimeout(r, 100));
    expect(h.of('batch').length).toBe(n);
    await h.send({ type: 'resume', runId: 'r' });
    await untilEvent(h, (e) => e.type === 'batch' && e.m.step >= n + 2);
    await h.send({ type: 'stop', runId: 'r' });
    await done;
    expect(h.of('runStatus').map((e) => e.status)).toEqual(['paused', 'running']);
    expect(h.of('runEnded')[0].reason).toBe('stopped');
    await h.send({ type: 'pause', runId: 'ghost' });
    expect(h.of('error').at(-1)).toMatchObject({ code: 'unknown-run' });
  });

  it('a new train command stops the running one first', async () => {
    const h = harness();
    await h.init();
    const first = h.send({ type: 'train', runId: 'a', spec: MLP, config: config({ epochs: 50 }) });
    await untilEvent(h, (e) => e.type === 'batch');
    await h.send({ type: 'train', runId: 'b', spec: MLP, config: config({ epochs: 1 }) });
    await first;
    expect(h.of('runEnded').map((e) => [e.runId, e.reason])).toEqual([
      ['a', 'stopped'],
      ['b', 'done'],
    ]);
  });

  it('switches backend mid-run without losing or repeating curve points', async () => {
    // Fails on webgl at the 17th batch attempt (epoch 1), and again right after on wasm.
    const h = harness({ start: 'webgl', failAt: [16, 21] });
    await h.init();
    const before = tf.memory().numTensors;
    await h.send({ type: 'train', runId: 'r', spec: MLP, config: config({ epochs: 3 }) });
    expect(h.of('backendChanged').map((e) => [e.from, e.to])).toEqual([
      ['webgl', 'wasm'],
      ['wasm', 'cpu'],
    ]);
    expect(h.of('backendChanged')[0].detail).toMatch(/simulated device lost/);
    expect(h.of('batch').map((b) => b.m.step)).toEqual([...Array(36).keys()]);
    expect(h.of('epoch').map((e) => e.m.epoch)).toEqual([0, 1, 2]);
    expect(h.of('runEnded')[0].reason).toBe('done');
    expect(h.of('error')).toEqual([]);
    // Only the final model's weights remain (the failed backends' models were disposed).
    expect(tf.memory().numTensors - before).toBe(4);
  });

  it('skips a fallback backend that does not start', async () => {
    const h = harness({ start: 'webgpu', failAt: [3], unavailable: ['webgl'] });
    await h.init();
    await h.send({ type: 'train', runId: 'r', spec: MLP, config: config({ epochs: 1 }) });
    expect(h.of('backendChanged').map((e) => [e.from, e.to])).toEqual([['webgpu', 'wasm']]);
    expect(h.of('runEnded')[0].reason).toBe('done');
  });

  it('reports a training error when the last backend fails', async () => {
    const h = harness({ start: 'cpu', failAt: [2] });
    await h.init();
    await h.send({ type: 'train', runId: 'r', spec: MLP, config: config({ epochs: 1 }) });
    expect(h.of('error')[0]).toMatchObject({ code: 'backend', runId: 'r' });
    expect(h.of('runEnded')[0].reason).toBe('error');
  });

  it('reports data errors', async () => {
    const h = harness({ extra: { loadTrain: () => Promise.reject(new Error('network: offline')) } });
    await h.init();
    await h.send({ type: 'train', runId: 'r', spec: MLP, config: config() });
    expect(h.of('error')[0]).toMatchObject({ code: 'data', runId: 'r', detail: 'network: offline' });
  });

  it('waits for init before training, and reports init failure', async () => {
    const h = harness();
    const train = h.send({ type: 'train', runId: 'r', spec: MLP, config: config({ epochs: 1 }) });
    await new Promise((r) => setTimeout(r, 20));
    expect(h.events).toHaveLength(0);
    await h.init();
    await train;
    expect(h.of('runEnded')[0].reason).toBe('done');

    const broken = harness({ extra: { selectBackend: () => Promise.reject(new Error('no gpu')) } });
    await broken.init();
    expect(broken.of('error')[0]).toMatchObject({ code: 'backend' });
  });
});
