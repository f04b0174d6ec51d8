/**
 * What the runs panel does with runs and models: find a run's weights, export them as
 * tfjs files, import such files, save and reload models in the browser. Runs are added to
 * the store here; runStorage's subscriber saves them, as it does for every run.
 */
import { ModelFileError, exportModel, importModel, MODEL_FILE, WEIGHTS_FILE } from '../../ml/model/io';
import type { ModelSpec } from '../../ml/model/spec';
import { DEFAULT_TRAIN_CONFIG, type EpochMetrics, type TrainConfig } from '../../ml/train/types';
import { labKV, loadSavedModel, loadWeights, saveModel, saveWeights, type SavedModelMeta } from '../../state/runStorage';
import type { Run } from '../../state/slices/runs';
import { useStore } from '../../state/store';
import { existingTrainingClient, getTrainingClient } from '../../worker/engine';
import type { SerializedWeights } from '../../worker/protocol';
import { paramsOf } from '../mnist-architecture/archInfo';

export type Bilingual = { en: string; zh: string };

export class ActionError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
  }
}

const LIVE = new Set(['loading', 'running', 'paused']);
const NO_WEIGHTS: Bilingual = {
  en: 'This run has no saved weights yet (it has not finished an epoch).',
  zh: '这次训练还没有保存的权重（还没有完成一轮）。',
};

/** A run's latest weights: from the worker while it trains, else from IndexedDB, else from the worker. */
export async function runWeights(run: Run): Promise<SerializedWeights> {
  if (LIVE.has(run.status)) return getTrainingClient().getWeights(run.id);
  const stored = await loadWeights(labKV(), run.id).catch(() => null);
  if (stored) return stored;
  const client = existingTrainingClient();
  const live = client ? await client.getWeights(run.id).catch(() => null) : null;
  if (!live) throw new ActionError(NO_WEIGHTS);
  return live;
}

/** Adds a finished model as a run (no training curves unless given), makes it active, loads it in the worker. */
export async function addModelRun(m: { name: string; spec: ModelSpec; weights: SerializedWeights; source: 'import' | 'saved'; config?: TrainConfig; epochs?: EpochMetrics[] }) {
  const id = `run-${m.source}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4).toString(36)}`;
  await saveWeights(labKV(), id, m.weights);
  const s = useStore.getState();
  const run: Run = {
    id, owner: 'mnist-runs', spec: m.spec, config: m.config ?? DEFAULT_TRAIN_CONFIG, status: 'done', backend: null, trainCount: 0, valCount: 0, stepsPerEpoch: 0,
    startedAt: Date.now(), elapsedMs: 0, batches: [], epochs: m.epochs ?? [], name: m.name, source: m.source, checkpoint: { epochs: m.epochs?.length ?? 0, savedAt: Date.now() },
  };
  // One store update with the finished run (runStorage saves it as it is, without asking the worker).
  s.restoreRuns([run]);
  try {
    await getTrainingClient().loadModel(id, m.spec, m.weights);
  } catch (e) {
    s.removeRun(id);
    throw new ActionError({ en: `The engine refused the model: ${String((e as Error).message ?? e)}`, zh: `计算引擎无法载入这个模型：${String((e as Error).message ?? e)}` });
  }
  s.setActiveRun(id);
  return id;
}

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** model.json + weights.bin as Blobs (and downloads both). */
export async function exportRun(run: Run, name: string): Promise<{ json: Blob; bin: Blob }> {
  const weights = await runWeights(run);
  let files: ReturnType<typeof exportModel>;
  try {
    files = exportModel(run.spec, weights, { name });
  } catch (e) {
    if (e instanceof ModelFileError) throw new ActionError(e.text);
    throw e;
  }
  const json = new Blob([JSON.stringify(files.modelJson)], { type: 'application/json' });
  const bin = new Blob([files.weightsBin], { type: 'application/octet-stream' });
  download(MODEL_FILE, json);
  // A short pause: some browsers drop a second download started in the same instant.
  await new Promise((r) => setTimeout(r, 300));
  download(WEIGHTS_FILE, bin);
  return { json, bin };
}

/** Reads model.json and its .bin file(s), validates them, and adds the model as the active run. */
export async function importFiles(files: File[]): Promise<string> {
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  if (jsons.length !== 1) {
    throw new ActionError({
      en: jsons.length ? 'Choose only one model.json (with its .bin file).' : 'Choose the model.json file together with its .bin weights file.',
      zh: jsons.length ? '只能选一个 model.json（连同它的 .bin 文件）。' : '请同时选中 model.json 和它的 .bin 权重文件。',
    });
  }
  const bins = files.filter((f) => f !== jsons[0]);
  const text = await jsons[0].text();
  const data = await Promise.all(bins.map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
  let model: ReturnType<typeof importModel>;
  try {
    model = importModel(text, data);
  } catch (e) {
    if (e instanceof ModelFileError) throw new ActionError(e.text);
    throw e;
  }
  return addModelRun({ name: model.name ?? jsons[0].name.replace(/\.json$/i, ''), spec: model.spec, weights: model.weights, source: 'import' });
}

/** Saves a run's current weights as a named model in this browser. */
export async function saveRunAsModel(run: Run, name: string): Promise<SavedModelMeta> {
  const weights = await runWeights(run);
  const last = run.epochs[run.epochs.length - 1];
  const meta: SavedModelMeta & { config: TrainConfig; epochs: EpochMetrics[] } = {
    id: `model-${Date.now().toString(36)}`,
    name,
    savedAt: Date.now(),
    spec: run.spec,
    params: paramsOf(run.spec),
    valAcc: last?.valAcc ?? null,
    fromRunId: run.id,
    config: run.config,
    epochs: run.epochs,
  };
  await saveModel(labKV(), meta, weights);
  return meta;
}

/** A saved model becomes a run (with the curves it was saved with) and the active model. */
export async function activateSavedModel(id: string): Promise<string> {
  const m = await loadSavedModel(labKV(), id);
  if (!m) throw new ActionError({ en: 'This saved model is damaged and cannot be loaded.', zh: '这个保存的模型已损坏，无法载入。' });
  const extra = m.meta as SavedModelMeta & { config?: unknown; epochs?: unknown };
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const epochs = Array.isArray(extra.epochs)
    ? (extra.epochs as EpochMetrics[]).filter((e) => e && num(e.epoch) && num(e.loss) && num(e.acc) && (e.valAcc === null || num(e.valAcc)) && (e.valLoss === null || num(e.valLoss)))
    : [];
  const config = extra.config && typeof extra.config === 'object' && num((extra.config as TrainConfig).learningRate) ? (extra.config as TrainConfig) : undefined;
  return addModelRun({ name: m.meta.name, spec: m.meta.spec, weights: m.weights, source: 'saved', config, epochs });
}
