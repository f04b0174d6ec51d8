/**
 * The training worker's logic, free of `self`/postMessage so it runs under Node in tests:
 * it handles every WorkerCommand and reports through an injected `post`.
 */
import * as tf from '@tensorflow/tfjs';
import type { MnistData } from '../ml/data/loader';
import { analyzeSpec } from '../ml/model/analyze';
import { buildModel, outputsLogits } from '../ml/model/builder';
import { predictProbs } from '../ml/model/predict';
import type { ModelSpec } from '../ml/model/spec';
import { loadModelWeights, packModelWeights } from '../ml/train/checkpoint';
import { validateConfig } from '../ml/train/config';
import { splitTrainVal } from '../ml/train/dataset';
import { Trainer, TrainerError, type TrainerCheckpoint } from '../ml/train/trainer';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../ml/train/types';
import { nextBackend } from '../ml/backends/select';
import { installFastGradients } from '../ml/backends/wasmGradients';
import type { BackendChoice, BackendName, BackendProbe, RunEndReason, WorkerCommand, WorkerErrorCode } from './protocol';
import { DivergenceWatch } from './divergenceWatch';
import { InspectHandlers } from './inspectHandlers';
import { msg, RunError, safely, type Post, type RunnerDeps } from './runnerSupport';

export type { Post, RunnerDeps };

interface Run {
  id: string;
  spec: ModelSpec;
  config: TrainConfig;
  model: tf.LayersModel | null;
  trainer: Trainer | null;
  paused: boolean;
  stopRequested: boolean;
  done: Promise<void>;
}

/** How many finished runs keep their model for predict/getWeights. */
const KEEP_RUNS = 3;


export class Runner {
  private backend: BackendName | null = null;
  private probes: BackendProbe[] = [];
  private dataUrl = '';
  private ready: Promise<void>;
  private markReady!: () => void;
  private runs = new Map<string, Run>();
  private active: Run | null = null;
  private data: MnistData | null = null;
  /** Whether `data` is the whole training split. */
  private dataComplete = false;

  private readonly inspect = new InspectHandlers({
    post: (ev, transfer) => this.deps.post(ev, transfer),
    loadTest: (onProgress) =>
      this.deps.loadTest ? this.deps.loadTest(this.dataUrl, onProgress) : Promise.reject(new Error('this worker has no test-split loader')),
  });

  constructor(private readonly deps: RunnerDeps) {
    this.ready = new Promise((r) => (this.markReady = r));
  }

  /** The backend in use (null before init). */
  get currentBackend(): BackendName | null {
    return this.backend;
  }

  /** Handles one command; never throws (failures become 'error' events). */
  async handle(cmd: WorkerCommand): Promise<void> {
    try {
      switch (cmd.type) {
        case 'init':
          return await this.init(cmd.dataUrl, cmd.wasmUrl, cmd.backend);
        case 'train':
          return await this.train(cmd);
        case 'pause':
        case 'resume':
        case 'stop': {
          const run = this.runs.get(cmd.runId);
          if (!run) return this.error('unknown-run', `no run ${cmd.runId}`, { runId: cmd.runId });
          if (cmd.type === 'pause') {
            run.paused = true;
            run.trainer?.pause();
          } else if (cmd.type === 'resume') {
            run.paused = false;
            run.trainer?.resume();
          } else {
            run.stopRequested = true;
            run.trainer?.stop();
          }
          return;
        }
        case 'getWeights':
          return await this.getWeights(cmd.requestId, cmd.runId);
        case 'predict':
          return await this.predict(cmd.requestId, cmd.runId, cmd.images, cmd.count);
        case 'evaluate':
        case 'activations': {
          // Inspection (inspectHandlers.ts) works on a finished or running run's model.
          const model = this.modelOf(cmd.runId, cmd.requestId);
          const spec = this.runs.get(cmd.runId)?.spec;
          if (!model || !spec) return;
          const target = { model, spec };
          return cmd.type === 'evaluate' ? await this.inspect.evaluate(cmd, target) : await this.inspect.activations(cmd, target);
        }
        case 'loadModel':
          return await this.loadModel(cmd);
        default:
          return this.error('internal', `unknown command ${(cmd as { type: unknown }).type}`);
      }
    } catch (e) {
      const requestId = 'requestId' in cmd ? cmd.requestId : undefined;
      this.error('internal', msg(e), requestId ? { requestId } : {});
    }
  }

  private error(code: WorkerErrorCode, detail: string, ids: { runId?: string; requestId?: string } = {}) {
    this.deps.post({ type: 'error', code, detail, ...ids });
  }

  private async init(dataUrl: string, wasmUrl: string, choice: BackendChoice) {
    this.dataUrl = dataUrl;
    try {
      const sel = await this.deps.selectBackend(choice, wasmUrl);
      this.backend = sel.backend;
      this.probes = sel.probes;
      this.deps.post({ type: 'ready', backend: sel.backend, probes: sel.probes, reason: sel.reason });
    } catch (e) {
      this.error('backend', `no backend could start: ${msg(e)}`);
    } finally {
      this.markReady();
    }
  }

  private async loadData(limit: number | undefined): Promise<MnistData> {
    const have = this.data;
    if (have && (this.dataComplete || (limit !== undefined && have.count >= limit))) return have;
    // Progress posts are throttled: the loader reports every network chunk.
    let lastPost = 0;
    const data = await this.deps.loadTrain(this.dataUrl, limit, (loaded, total) => {
      const now = Date.now();
      if (loaded < total && now - lastPost < 100) return;
      lastPost = now;
      this.deps.post({ type: 'dataProgress', split: 'train', loaded, total });
    });
    if (!this.data || data.count > this.data.count) {
      this.data = data;
      this.dataComplete = limit === undefined || data.count < limit;
    }
    return data;
  }

  private async train(cmd: Extract<WorkerCommand, { type: 'train' }>) {
    await this.ready;
    const runId = cmd.runId;
    if (this.active) {
      // One run at a time: a new run stops the previous one.
      this.active.stopRequested = true;
      this.active.trainer?.stop();
      await this.active.done;
    }
    let finish!: () => void;
    const run: Run = {
      id: runId,
      spec: cmd.spec,
      config: cmd.config,
      model: null,
      trainer: null,
      paused: false,
      stopRequested: false,
      done: new Promise((r) => (finish = r)),
    };
    this.runs.set(runId, run);
    this.active = run;
    try {
      const reason = await this.execute(run, cmd.initialWeights);
      this.deps.post({ type: 'runEnded', runId, reason });
    } catch (e) {
      const code = e instanceof RunError ? e.code : 'training';
      const issues = e instanceof RunError && e.issues ? { issues: e.issues } : {};
      this.deps.post({ type: 'error', code, detail: msg(e), runId, ...issues });
      this.deps.post({ type: 'runEnded', runId, reason: 'error' });
    } finally {
      run.trainer = null;
      this.active = null;
      this.pruneRuns();
      finish();
    }
  }

  private async execute(run: Run, initialWeights: Extract<WorkerCommand, { type: 'train' }>['initialWeights']): Promise<RunEndReason> {
    if (!this.backend) throw new RunError('backend', 'no backend is ready (init failed or was not sent)');
    const problems = validateConfig(run.config);
    if (problems.length) throw new RunError('invalid-config', problems.join('; '));
    const analysis = analyzeSpec(run.spec);
    if (!analysis.ok) throw new RunError('invalid-spec', analysis.errors.map((e) => e.message.en).join('\n'), analysis.errors);

    let all: MnistData;
    try {
      all = await this.loadData(run.config.subset);
    } catch (e) {
      throw new RunError('data', msg(e));
    }
    if (run.stopRequested) return 'stopped';
    const { train, val } = splitTrainVal(all, run.config);
    if (train.count === 0) throw new RunError('invalid-config', 'no training examples left after the validation split');

    // Fast wasm conv/pool gradients, and conv gradients with dilation > 1 on every backend.
    installFastGradients();
    run.model = buildModel(run.spec, { seed: run.config.seed });
    if (initialWeights) {
      try {
        loadModelWeights(run.model, initialWeights);
      } catch (e) {
        throw new RunError('invalid-config', `initialWeights do not fit the spec: ${msg(e)}`);
      }
    }

    // Batches/epochs already posted are not posted again when a run is replayed after a switch.
    let lastStep = -1;
    let lastEpoch = -1;
    const watch = new DivergenceWatch();
    let resume: TrainerCheckpoint | undefined;
    const tried = new Set<BackendName>([this.backend]);
    for (let first = true; ; first = false) {
      const health = this.deps.watchBackend?.(this.backend);
      const extra = this.deps.trainerOptions?.healthCheck;
      const trainer = new Trainer({
        ...this.deps.trainerOptions,
        model: run.model,
        config: run.config,
        train,
        val,
        fromLogits: outputsLogits(run.spec),
        inputShape: run.spec.inputShape,
        resume,
        healthCheck: () => health?.check() ?? extra?.() ?? null,
        callbacks: {
          onBatch: (m) => {
            if (m.step <= lastStep) return;
            lastStep = m.step;
            watch.batch(m);
            this.deps.post({ type: 'batch', runId: run.id, m });
          },
          onEpoch: (m) => {
            if (m.epoch <= lastEpoch) return;
            lastEpoch = m.epoch;
            this.deps.post({ type: 'epoch', runId: run.id, m });
            const d = watch.epoch(m);
            if (d !== undefined) this.deps.post({ type: 'divergence', runId: run.id, d });
          },
          onStatus: (status) => this.deps.post({ type: 'runStatus', runId: run.id, status }),
        },
      });
      run.trainer = trainer;
      if (first) {
        this.deps.post({
          type: 'runStarted',
          runId: run.id,
          trainCount: train.count,
          valCount: val?.count ?? 0,
          stepsPerEpoch: trainer.stepsPerEpoch,
          backend: this.backend,
        });
      }
      if (run.paused) trainer.pause();
      if (run.stopRequested) trainer.stop();
      try {
        const result = await trainer.run();
        return result.reason;
      } catch (e) {
        if (!(e instanceof TrainerError) || !e.checkpoint || run.stopRequested) throw e;
        resume = e.checkpoint;
        await this.switchBackend(run, tried, msg(e));
      } finally {
        safely(() => trainer.dispose());
      }
    }
  }

  /** Moves the run to the next backend that starts, rebuilding its model there. */
  private async switchBackend(run: Run, tried: Set<BackendName>, detail: string) {
    const from = this.backend!;
    let cur: BackendName = from;
    for (;;) {
      const to = nextBackend(cur, this.probes, tried);
      if (!to) throw new RunError('backend', `${from} failed and no other backend is left: ${detail}`);
      tried.add(to);
      cur = to;
      if (!(await this.deps.activateBackend(to))) continue;
      const old = run.model;
      safely(() => old?.dispose());
      this.backend = to;
      // Fresh weights get overwritten by the checkpoint the trainer restores.
      run.model = buildModel(run.spec, { seed: run.config.seed });
      this.deps.post({ type: 'backendChanged', from, to, detail });
      return;
    }
  }

  /** Registers a finished model (restored, imported or saved) under its run id. */
  private async loadModel(cmd: Extract<WorkerCommand, { type: 'loadModel' }>) {
    await this.ready;
    const ids = { requestId: cmd.requestId };
    if (!this.backend) return this.error('backend', 'no backend is ready (init failed or was not sent)', ids);
    if (this.active?.id === cmd.runId) return this.error('invalid-config', `run ${cmd.runId} is training`, ids);
    const analysis = analyzeSpec(cmd.spec);
    if (!analysis.ok) return this.error('invalid-spec', analysis.errors.map((e) => e.message.en).join('\n'), ids);
    let model: tf.LayersModel | null = null;
    try {
      model = buildModel(cmd.spec);
      loadModelWeights(model, cmd.weights);
    } catch (e) {
      safely(() => model?.dispose());
      return this.error('invalid-config', `the weights do not fit the spec: ${msg(e)}`, ids);
    }
    const old = this.runs.get(cmd.runId);
    if (old) safely(() => old.model?.dispose());
    this.runs.delete(cmd.runId);
    this.runs.set(cmd.runId, {
      id: cmd.runId,
      spec: cmd.spec,
      config: { ...DEFAULT_TRAIN_CONFIG },
      model,
      trainer: null,
      paused: false,
      stopRequested: false,
      done: Promise.resolve(),
    });
    this.pruneRuns();
    this.deps.post({ type: 'modelLoaded', requestId: cmd.requestId, runId: cmd.runId });
  }

  private pruneRuns() {
    const ids = [...this.runs.keys()];
    for (const id of ids.slice(0, Math.max(0, ids.length - KEEP_RUNS))) {
      const r = this.runs.get(id)!;
      if (r === this.active) continue;
      safely(() => r.model?.dispose());
      this.runs.delete(id);
    }
  }

  private modelOf(runId: string, requestId: string): tf.LayersModel | null {
    const model = this.runs.get(runId)?.model;
    // Request errors carry only the requestId: a runId would mark the run itself as failed.
    if (!model) this.error('unknown-run', `no model for run ${runId}`, { requestId });
    return model ?? null;
  }

  private async getWeights(requestId: string, runId: string) {
    const model = this.modelOf(runId, requestId);
    if (!model) return;
    try {
      const weights = await packModelWeights(model);
      this.deps.post({ type: 'weights', requestId, runId, weights }, [weights.data]);
    } catch (e) {
      this.error('backend', msg(e), { requestId });
    }
  }

  /** Softmax probabilities [count × 10] for uint8 images [count × 784]. */
  private async predict(requestId: string, runId: string, images: Uint8Array, count: number) {
    const model = this.modelOf(runId, requestId);
    if (!model) return;
    let probs: Float32Array;
    try {
      probs = await predictProbs(model, this.runs.get(runId)!.spec, images, count);
    } catch (e) {
      return this.error(e instanceof RangeError ? 'invalid-config' : 'backend', `predict: ${msg(e)}`, { requestId });
    }
    this.deps.post({ type: 'prediction', requestId, runId, probs }, [probs.buffer]);
  }
}
