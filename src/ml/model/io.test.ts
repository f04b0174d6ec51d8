import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packModelWeights } from '../train/checkpoint';
import { buildModel } from './builder';
import { expectedWeights, exportModel, importModel, ModelFileError, type WeightsPack } from './io';
import { SEED_CNN, type ModelSpec } from './spec';

/** Batch norm, dropout, 'same' padding, average pooling and leaky ReLU in one small net. */
const DEEP: ModelSpec = {
  inputShape: [28, 28, 1],
  init: 'heNormal',
  layers: [
    { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'leakyRelu' },
    { type: 'batchNorm' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'dropout', rate: 0.25 },
    { type: 'conv2d', filters: 6, kernelSize: 5, strides: 2, activation: 'relu' },
    { type: 'avgPool', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 16, activation: 'tanh' },
    { type: 'batchNorm' },
    { type: 'activation', activation: 'leakyRelu' },
    { type: 'dense', units: 10 },
    { type: 'activation', activation: 'softmax' },
  ],
};
const MLP: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [{ type: 'flatten' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }],
};

const models: tf.LayersModel[] = [];
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => models.forEach((m) => m.dispose()));

const input = () => tf.randomUniform([4, 28, 28, 1], -0.5, 2.8, 'float32', 3);

/** A model of `spec` with non-trivial weights (batch-norm statistics too) and its pack. */
async function trained(spec: ModelSpec, seed = 5): Promise<{ model: tf.LayersModel; pack: WeightsPack }> {
  const model = buildModel(spec, { seed });
  models.push(model);
  // Give every weight distinct random values, so a mixed-up order would change predictions.
  model.weights.forEach((w, i) => {
    const shape = w.shape as number[];
    const v = w.name.includes('variance') ? tf.randomUniform(shape, 0.5, 2, 'float32', i) : tf.randomNormal(shape, 0, 0.3, 'float32', i);
    w.write(v);
    v.dispose();
  });
  return { model, pack: await packModelWeights(model) };
}

async function predict(model: tf.LayersModel) {
  const x = input();
  const y = model.predict(x) as tf.Tensor;
  const out = Array.from(await y.data());
  x.dispose();
  y.dispose();
  return out;
}

const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ModelFileError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('expectedWeights', () => {
  it('lists the same names, shapes and order as the tfjs model buildModel makes', () => {
    for (const spec of [SEED_CNN, DEEP, MLP]) {
      const model = buildModel(spec, { seed: 1 });
      expect(expectedWeights(spec)).toEqual(model.weights.map((w) => ({ name: w.originalName, shape: w.shape })));
      model.dispose();
    }
  });
});

describe('exportModel', () => {
  it('writes files tf.loadLayersModel loads, predicting exactly as the original (seed CNN and a deep net)', async () => {
    for (const spec of [SEED_CNN, DEEP]) {
      const { model, pack } = await trained(spec);
      const { modelJson, weightsBin } = exportModel(spec, pack, { name: 'test' });
      const text = JSON.stringify(modelJson);
      // Standard layers only: loads without NN Lab's own classes.
      expect(text).not.toContain('Nnlab');
      const manifest = modelJson.weightsManifest as { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
      expect(manifest[0].paths).toEqual(['./weights.bin']);
      expect(weightsBin.byteLength).toBe(pack.data.byteLength);
      const loaded = await tf.loadLayersModel(
        tf.io.fromMemory({ modelTopology: modelJson.modelTopology as tf.io.ModelArtifacts['modelTopology'], weightSpecs: manifest[0].weights, weightData: weightsBin }),
      );
      models.push(loaded);
      expect(loaded.inputs[0].shape).toEqual([null, 28, 28, 1]);
      expect(loaded.countParams()).toBe(model.countParams());
      expect(maxDiff(await predict(loaded), await predict(model))).toBeLessThan(1e-6);
    }
  });

  it('refuses weights that do not fit the spec', async () => {
    const { pack } = await trained(MLP);
    expect(codeOf(() => exportModel(SEED_CNN, pack))).toBe('weights-mismatch');
  });
});

describe('importModel', () => {
  it('round-trips an export: same spec, byte-identical weights', async () => {
    const { pack } = await trained(DEEP);
    const { modelJson, weightsBin } = exportModel(DEEP, pack, { name: 'deep run' });
    const got = importModel(JSON.stringify(modelJson), [{ name: 'weights.bin', data: weightsBin }]);
    expect(got.spec).toEqual({
      ...DEEP,
      // conv/pool defaults are written out explicitly on the way back.
      layers: DEEP.layers.map((l) =>
        l.type === 'conv2d'
          ? { strides: 1, padding: 'valid', dilation: 1, activation: 'linear', ...l }
          : l.type === 'maxPool' || l.type === 'avgPool'
            ? { strides: l.poolSize, padding: 'valid', ...l }
            : l.type === 'dense'
              ? { activation: 'linear', ...l }
              : l,
      ),
    });
    expect(got.name).toBe('deep run');
    expect(got.weights.specs).toEqual(pack.specs);
    expect(new Uint8Array(got.weights.data)).toEqual(new Uint8Array(pack.data));
    // A renamed weights file (a browser's "weights (1).bin") is still accepted when it is the only one.
    expect(importModel(JSON.stringify(modelJson), [{ name: 'weights (1).bin', data: weightsBin }]).weights.specs.length).toBe(pack.specs.length);
  });

  it("imports a model saved by tfjs itself (tfjs's own layer names) and predicts the same", async () => {
    const native = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dropout({ rate: 0.5 }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    models.push(native);
    let art: tf.io.ModelArtifacts | null = null;
    await native.save(tf.io.withSaveHandler(async (a) => ((art = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const a = art as unknown as tf.io.ModelArtifacts;
    const json = JSON.stringify({ format: 'layers-model', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['./my-model.weights.bin'], weights: a.weightSpecs }] });
    const got = importModel(json, [{ name: 'my-model.weights.bin', data: a.weightData as ArrayBuffer }]);
    expect(got.spec.layers.map((l) => l.type)).toEqual(['conv2d', 'maxPool', 'flatten', 'dropout', 'dense']);
    const ours = buildModel(got.spec);
    models.push(ours);
    const { loadModelWeights } = await import('../train/checkpoint');
    loadModelWeights(ours, got.weights);
    expect(maxDiff(await predict(ours), await predict(native))).toBeLessThan(1e-6);
  });

  it('explains what is wrong with files that are not an MNIST layers model, in both languages', async () => {
    const { pack } = await trained(SEED_CNN);
    const { modelJson, weightsBin } = exportModel(SEED_CNN, pack);
    const bin = [{ name: 'weights.bin', data: weightsBin }];
    const edit = (f: (j: { modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } } }) => void) => {
      const j = JSON.parse(JSON.stringify(modelJson));
      f(j);
      return JSON.stringify(j);
    };
    expect(codeOf(() => importModel('{"modelTopology": ', bin))).toBe('not-json');
    expect(codeOf(() => importModel(JSON.stringify({ format: 'graph-model', modelTopology: { node: [] } }), bin))).toBe('graph-model');
    expect(codeOf(() => importModel(JSON.stringify({ hello: 'world' }), bin))).toBe('not-layers-model');
    expect(codeOf(() => importModel(JSON.stringify({ modelTopology: { class_name: 'Model', config: { layers: [] } } }), bin))).toBe('not-sequential');
    expect(codeOf(() => importModel(edit((j) => (j.modelTopology.config.layers[0].config.batch_input_shape = [null, 32, 32, 3])), bin))).toBe('bad-input');
    expect(codeOf(() => importModel(edit((j) => (j.modelTopology.config.layers[6].config.units = 5)), bin))).toBe('bad-output');
    expect(codeOf(() => importModel(edit((j) => (j.modelTopology.config.layers[1].class_name = 'GRU')), bin))).toBe('unsupported-layer');
    expect(codeOf(() => importModel(JSON.stringify(modelJson), []))).toBe('missing-weights-file');
    expect(codeOf(() => importModel(JSON.stringify(modelJson), [{ name: 'weights.bin', data: weightsBin.slice(0, 1000) }]))).toBe('weights-size');
    // Same byte count, different architecture: 64 → 32 hidden units... and 1600·64 kernels reshaped.
    const other = edit((j) => {
      j.modelTopology.config.layers[5].config.units = 32;
    });
    expect(codeOf(() => importModel(other, bin))).toBe('weights-mismatch');

    try {
      importModel(edit((j) => (j.modelTopology.config.layers[0].config.batch_input_shape = [null, 784])), bin);
      expect.unreachable();
    } catch (e) {
      const err = e as ModelFileError;
      expect(err.text.en).toContain('[null, 784]');
      expect(err.text.en).toContain('[null, 28, 28, 1]');
      expect(err.text.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
