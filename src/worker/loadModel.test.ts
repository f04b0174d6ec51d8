import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../ml/model/builder';
import type { ModelSpec } from '../ml/model/spec';
import { packModelWeights } from '../ml/train/checkpoint';
import { createTrainingClient, RequestError } from './client';
import type { SerializedWeights, WorkerCommand, WorkerEvent } from './protocol';
import { Runner } from './runner';

const MLP: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [{ type: 'flatten' }, { type: 'dense', units: 12, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }],
};
const OTHER: ModelSpec = { ...MLP, layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] };

/** Two images: blank and a bright square. */
const IMAGES = new Uint8Array(2 * 784);
for (let r = 10; r < 18; r++) IMAGES.fill(255, 784 + r * 28 + 10, 784 + r * 28 + 18);

let weights: SerializedWeights;
let expected: number[];

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = buildModel(MLP, { seed: 3 });
  weights = await packModelWeights(model);
  const x = tf.tensor4d(Float32Array.from(IMAGES, (v) => (v / 255 - 0.1307) / 0.3081), [2, 28, 28, 1]);
  const y = model.predict(x) as tf.Tensor;
  expected = Array.from(await y.data());
  tf.dispose([x, y]);
  model.dispose();
});

function runner() {
  const events: WorkerEvent[] = [];
  const r = new Runner({
    post: (ev) => events.push(ev),
    selectBackend: async () => ({ backend: 'cpu', probes: [], reason: 'chosen' }),
    activateBackend: async () => true,
    loadTrain: async () => {
      throw new Error('no data in this test');
    },
  });
  return { r, events };
}

describe('loadModel', () => {
  it('registers weights under a run id; predict then answers like the original model', async () => {
    const { r, events } = runner();
    await r.handle({ type: 'init', dataUrl: '', wasmUrl: '', backend: 'cpu' });
    await r.handle({ type: 'loadModel', requestId: 'q1', runId: 'restored', spec: MLP, weights });
    expect(events.at(-1)).toEqual({ type: 'modelLoaded', requestId: 'q1', runId: 'restored' });
    await r.handle({ type: 'predict', requestId: 'q2', runId: 'restored', images: IMAGES, count: 2 });
    const pred = events.at(-1) as Extract<WorkerEvent, { type: 'prediction' }>;
    expect(pred.type).toBe('prediction');
    Array.from(pred.probs).forEach((p, i) => expect(p).toBeCloseTo(expected[i], 5));
    // getWeights gives the same bytes back.
    await r.handle({ type: 'getWeights', requestId: 'q3', runId: 'restored' });
    const w = events.at(-1) as Extract<WorkerEvent, { type: 'weights' }>;
    expect(new Float32Array(w.weights.data)).toEqual(new Float32Array(weights.data));
  });

  it('answers weights that do not fit the spec with an error for the request, not the run', async () => {
    const { r, events } = runner();
    await r.handle({ type: 'init', dataUrl: '', wasmUrl: '', backend: 'cpu' });
    await r.handle({ type: 'loadModel', requestId: 'q1', runId: 'x', spec: OTHER, weights });
    const err = events.at(-1) as Extract<WorkerEvent, { type: 'error' }>;
    expect(err).toMatchObject({ type: 'error', code: 'invalid-config', requestId: 'q1' });
    expect(err.runId).toBeUndefined();
    await r.handle({ type: 'predict', requestId: 'q2', runId: 'x', images: IMAGES, count: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'unknown-run' });
  });
});

describe('client model source', () => {
  /** A client whose "worker" is a Runner in this process. */
  function connected() {
    (globalThis as { document?: unknown }).document ??= { baseURI: 'http://localhost/' };
    const { r } = runner();
    let onmessage: ((e: MessageEvent<WorkerEvent>) => void) | null = null;
    const sent: string[] = [];
    const fakeWorker = {
      set onmessage(f: (e: MessageEvent<WorkerEvent>) => void) {
        onmessage = f;
      },
      onerror: null,
      postMessage(cmd: WorkerCommand) {
        sent.push(cmd.type);
        void r.handle(structuredClone(cmd));
      },
      terminate() {},
    };
    // Runner posts go straight back to the client, asynchronously like a real worker.
    (r as unknown as { deps: { post: (ev: WorkerEvent) => void } }).deps.post = (ev) => setTimeout(() => onmessage?.({ data: ev } as MessageEvent<WorkerEvent>));
    const client = createTrainingClient('cpu', () => fakeWorker as unknown as Worker);
    const seen: WorkerEvent[] = [];
    client.subscribe((ev) => seen.push(ev));
    return { client, sent, seen };
  }

  it('reloads a missing model from the source and retries, without an error notice', async () => {
    const { client, sent, seen } = connected();
    const asked: string[] = [];
    client.setModelSource(async (runId) => (asked.push(runId), runId === 'old-run' ? { spec: MLP, weights } : null));
    const probs = await client.predict('old-run', IMAGES, 2);
    Array.from(probs).forEach((p, i) => expect(p).toBeCloseTo(expected[i], 5));
    expect(asked).toEqual(['old-run']);
    expect(sent).toEqual(['init', 'predict', 'loadModel', 'predict']);
    expect(seen.filter((e) => e.type === 'error')).toEqual([]);
    // Now loaded: no second reload.
    await client.predict('old-run', IMAGES.slice(0, 784), 1);
    expect(asked).toEqual(['old-run']);
  });

  it('rejects (and reports) when the source has no such model', async () => {
    const { client, seen } = connected();
    client.setModelSource(async () => null);
    const err = await client.predict('nobody', IMAGES, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).code).toBe('unknown-run');
    expect(seen.filter((e) => e.type === 'error')).toHaveLength(1);
  });
});
