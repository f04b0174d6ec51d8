#!/usr/bin/env node
/**
 * Training benchmark: `npm run bench [-- options]`.
 *
 * Builds the site when dist/ is missing or older than the sources, serves it on 127.0.0.1,
 * opens bench.html in headless Chromium and, for each backend that initialises there, measures
 * in a module Web Worker through the app's own Trainer (seed CNN, batch 64, real MNIST):
 * training images/s after warm-up, inference images/s, the change in tf.memory().numTensors
 * over 3 epochs of batches, and the longest main-thread task while training. Then the
 * baseline: the same model trained with model.fit on the main thread, on tfjs' default
 * backend. Prints a table and writes bench/results/latest.json.
 *
 * Options:
 *   --full              also train the seed CNN on all 60,000 images on the best backend and
 *                       report test accuracy (10,000 images) after every epoch
 *   --epochs N          epochs for --full (default 10)
 *   --full-backend B    backend for --full (default: the fastest measured one)
 *   --backends a,b      backends to measure (default webgpu,webgl,wasm,cpu)
 *   --no-baseline       skip the main-thread baseline
 *   --diag              also measure per-batch sync cost and a kernel profile per backend
 *   --train-seconds S   target length of each timed training phase (default 12)
 *   --dist DIR          site folder to serve/build (default dist)
 *   --no-build          never build
 *   --out FILE          results file (default bench/results/latest.json)
 *   --headed            show the browser
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { f1, serve, table } from './bench-lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
};
const ALL = ['webgpu', 'webgl', 'wasm', 'cpu'];
const backends = opt('backends', ALL.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const b of backends) if (!ALL.includes(b)) throw new Error(`unknown backend ${b}`);
const fullRun = flag('full');
const epochs = Number(opt('epochs', '10'));
if (!Number.isInteger(epochs) || epochs < 1) throw new Error('--epochs must be a positive integer');
const trainSeconds = Number(opt('train-seconds', '12'));
const distDir = resolve(root, opt('dist', 'dist'));
const outFile = resolve(root, opt('out', 'bench/results/latest.json'));
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const started = Date.now();
// The 1-minute load average, sampled through the run: other processes competing for the cores
// (builds, test runs) slow every number here down, so the results record how busy the machine was.
const loadSamples = [os.loadavg()[0]];
setInterval(() => loadSamples.push(os.loadavg()[0]), 5000).unref();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (s) => console.log(`[${elapsed().padStart(5)}] ${s}`);

// ---- build when needed ------------------------------------------------------------------------
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    m = Math.max(m, newestMtime(join(path, e.name)));
  }
  return m;
}

function ensureBuilt() {
  const marker = join(distDir, 'bench.html');
  const sources = ['src', 'content', 'index.html', 'bench.html', 'vite.config.ts', 'package.json'].map((p) => join(root, p));
  const newest = Math.max(...sources.map(newestMtime));
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  if (built >= newest) return say(`using the build in ${distDir}`);
  if (flag('no-build')) {
    if (!built) throw new Error(`${marker} is missing (and --no-build was given)`);
    return say(`${distDir} is older than the sources; --no-build: using it anyway`);
  }
  const custom = distDir !== join(root, 'dist');
  say(built ? `${distDir} is older than the sources: npm run build` : `no build in ${distDir}: npm run build`);
  const args = ['run', 'build', ...(custom ? ['--', '--outDir', distDir, '--emptyOutDir'] : [])];
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status})`);
  if (!existsSync(marker)) throw new Error(`the build did not produce ${marker} (is bench.html a build input in vite.config.ts?)`);
}

// ---- browser ----------------------------------------------------------------------------------
async function loadChromium() {
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    return (await import('@playwright/test')).chromium;
  }
}

function withTimeout(p, ms, what) {
  let t;
  return Promise.race([p, new Promise((_, fail) => (t = setTimeout(() => fail(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)))]).finally(
    () => clearTimeout(t),
  );
}

async function openBench(context, base) {
  const page = await context.newPage();
  page.on('console', (m) => {
    const t = m.text();
    if (t.startsWith('[bench] ')) say(t.slice(8));
    else if (m.type() === 'error') say(`page error: ${t}`);
  });
  page.on('pageerror', (e) => say(`page exception: ${e.message}`));
  await page.goto(`${base}/bench.html`);
  await page.waitForFunction(() => !!window.__bench, null, { timeout: 60_000 });
  return page;
}

function chromiumVersion() {
  const r = spawnSync(executablePath, ['--version'], { encoding: 'utf8' });
  return (r.stdout || '').trim() || null;
}

// ---- main -------------------------------------------------------------------------------------
async function main() {
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (set CHROMIUM_PATH)`);
  ensureBuilt();
  const server = await serve(distDir);
  const base = `http://127.0.0.1:${server.address().port}`;
  say(`serving ${distDir} at ${base}`);
  const chromium = await loadChromium();
  const browser = await chromium.launch({
    executablePath,
    headless: !flag('headed'),
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-webgpu-adapter=swiftshader'],
  });
  const context = await browser.newContext();
  const measureOpts = {
    trainSeconds,
    minSteps: 3,
    maxSteps: 300,
    leakSeconds: 15,
    leakMinSteps: 1,
    leakMaxSteps: 50,
    forwardSeconds: 3,
    diag: flag('diag'),
  };
  const results = [];
  let info = null;
  let baseline = null;
  let full = null;
  let idleControl = null;
  try {
    let page = await openBench(context, base);
    info = await page.evaluate(() => window.__bench.info());
    // Control: the same page with no worker running. Long tasks here come from the machine
    // (other processes starving the page's main thread), not from training.
    idleControl = await page.evaluate((s) => window.__bench.idle(s), 5);
    say(`idle page (5 s, no worker): longest main-thread task ${idleControl.maxLongTaskMs} ms, longest frame gap ${idleControl.maxFrameGapMs} ms`);
    for (const backend of backends) {
      say(`--- ${backend}`);
      let r;
      try {
        r = await withTimeout(
          page.evaluate(([b, o]) => window.__bench.measure(b, o), [backend, measureOpts]),
          420_000,
          backend,
        );
      } catch (e) {
        r = { backend, error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
        // A hung worker: start over on a fresh page.
        await page.close().catch(() => undefined);
        page = await openBench(context, base);
      }
      if (r.error) say(`${backend}: not measured (${r.error})`);
      else
        say(
          `${backend}: ${f1(r.trainImagesPerSec)} train img/s, ${f1(r.forwardImagesPerSec)} forward img/s, ` +
            `Δ numTensors ${r.numTensorsDelta}, longest main-thread task ${r.maxLongTaskMs} ms (${r.seconds.toFixed(0)} s)`,
        );
      results.push(r);
    }
    await page.close();
    if (!flag('no-baseline')) {
      say('--- baseline: model.fit on the main thread, tfjs default backend');
      // A fresh page: nothing of the worker runs on its main thread.
      const bpage = await openBench(context, base);
      try {
        baseline = await withTimeout(
          bpage.evaluate((o) => window.__bench.baseline(o), { trainSeconds, minSteps: 3, maxSteps: 300 }),
          420_000,
          'baseline',
        );
      } catch (e) {
        baseline = { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
      }
      await bpage.close().catch(() => undefined);
      if (baseline.error) say(`baseline failed: ${baseline.error}`);
      else say(`baseline (${baseline.backend}): ${f1(baseline.trainImagesPerSec)} train img/s, longest main-thread task ${baseline.maxLongTaskMs} ms`);
    }
    const ok = results.filter((r) => !r.error);
    const best = ok.reduce((a, r) => (!a || r.trainImagesPerSec > a.trainImagesPerSec ? r : a), null);
    if (fullRun) {
      const fb = opt('full-backend', best?.backend ?? 'wasm');
      say(`--- full: seed CNN, all 60,000 training images, ${epochs} epochs on ${fb} (test accuracy after each epoch)`);
      const fpage = await openBench(context, base);
      full = await fpage.evaluate(([b, n]) => window.__bench.full(b, n), [fb, epochs]);
      await fpage.close();
    }
    await writeResults({ results, baseline, best, info, full, idleControl, browserVersion: browser.version() });
  } finally {
    await browser.close().catch(() => undefined);
    server.close();
  }
}

async function writeResults({ results, baseline, best, info, full, idleControl, browserVersion }) {
  const goals = { trainImagesPerSec: 1000, speedupVsBaseline: 35, numTensorsDelta: 0, maxLongTaskMs: 50, accEpoch1: 0.98, accEpoch10: 0.99 };
  const baseOk = baseline && !baseline.error ? baseline : null;
  const speedup = best && baseOk ? best.trainImagesPerSec / baseOk.trainImagesPerSec : null;
  const tfjsVersion = JSON.parse(readFileSync(join(root, 'node_modules/@tensorflow/tfjs/package.json'), 'utf8')).version;
  const round = (v, d = 1) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : v);
  const out = {
    date: new Date().toISOString(),
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    runSeconds: Math.round((Date.now() - started) / 1000),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
      chromium: chromiumVersion() ?? browserVersion,
      chromiumFlags: ['--no-sandbox', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-webgpu-adapter=swiftshader'],
      browser: info,
      tfjs: tfjsVersion,
      loadAverage1m: {
        min: round(Math.min(...loadSamples), 2),
        mean: round(loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length, 2),
        max: round(Math.max(...loadSamples), 2),
        samples: loadSamples.length,
      },
    },
    setup: {
      model: 'SEED_CNN (conv3x3x32-relu, maxpool2, conv3x3x64-relu, maxpool2, dense64-relu, dense10-softmax; 121,930 params)',
      batchSize: 64,
      optimizer: 'adam 1e-3',
      data: 'MNIST training split, normalised (x/255 - 0.1307)/0.3081',
      trainPath: 'module Web Worker, src/ml/train/trainer.ts Trainer (as src/worker/runner.ts), one postMessage per batch',
      forwardPath: 'src/ml/model/predict.ts predictProbs, batch 64 (forwardImagesPerSec) and 1000 (forwardImagesPerSecLarge)',
      leakCheck: 'numTensors at the end of epoch 3 minus after step 1 of a 3-epoch Trainer run',
      baseline: 'model.compile(adam 1e-3, categoricalCrossentropy, accuracy) + model.fit(batch 64, onBatchEnd callback) on the page main thread, tfjs default backend',
    },
    results: results.map((r) =>
      r.error
        ? { backend: r.backend, error: r.error }
        : {
            ...r,
            trainImagesPerSec: round(r.trainImagesPerSec),
            // The median step's rate: less sensitive to other processes on a busy machine.
            trainImagesPerSecMedianStep: round((64 * 1000) / r.medianStepMs),
            forwardImagesPerSec: round(r.forwardImagesPerSec),
            forwardImagesPerSecLarge: round(r.forwardImagesPerSecLarge),
            firstStepMs: round(r.firstStepMs, 0),
            medianStepMs: round(r.medianStepMs, 2),
            finalLoss: round(r.finalLoss, 4),
            seconds: round(r.seconds, 1),
            ...(r.diag
              ? {
                  diag: {
                    ...r.diag,
                    syncEveryStepImagesPerSec: round(r.diag.syncEveryStepImagesPerSec),
                    pipelinedImagesPerSec: round(r.diag.pipelinedImagesPerSec),
                    profileTotalMs: round(r.diag.profileTotalMs, 2),
                    profileWallMs: round(r.diag.profileWallMs, 2),
                  },
                }
              : {}),
          },
    ),
    baseline: baseOk
      ? {
          backend: baseOk.backend,
          trainImagesPerSec: round(baseOk.trainImagesPerSec),
          trainSteps: baseOk.trainSteps,
          medianStepMs: round(baseOk.medianStepMs, 2),
          firstStepMs: round(baseOk.firstStepMs, 0),
          maxLongTaskMs: baseOk.maxLongTaskMs,
          maxLongTaskMsSteady: baseOk.maxLongTaskMsSteady,
          longTasks: baseOk.longTasks,
          longTaskMs: baseOk.longTaskMs,
          longTaskAtMs: baseOk.longTaskAtMs,
          maxFrameGapMs: baseOk.maxFrameGapMs,
        }
      : baseline,
    idleControl: idleControl ? { seconds: 5, ...idleControl } : null,
    best: best ? { backend: best.backend, trainImagesPerSec: round(best.trainImagesPerSec) } : null,
    speedupBestVsBaseline: round(speedup, 2),
    goals,
    // Judged on the best backend (the one the app's auto mode trains on); the per-backend
    // numbers are in `results`, and allBackends says whether every backend met the two limits.
    goalsMet: {
      trainImagesPerSec: best ? best.trainImagesPerSec >= goals.trainImagesPerSec : false,
      speedupVsBaseline: speedup !== null ? speedup >= goals.speedupVsBaseline : null,
      numTensorsDelta: best ? best.numTensorsDelta === goals.numTensorsDelta : false,
      maxLongTaskMs: best ? best.maxLongTaskMs <= goals.maxLongTaskMs : false,
      allBackends: {
        numTensorsDelta: results.every((r) => r.error || r.numTensorsDelta === 0),
        maxLongTaskMs: results.every((r) => r.error || r.maxLongTaskMs <= goals.maxLongTaskMs),
      },
      ...(full
        ? {
            accEpoch1: (full.epochs[0]?.testAcc ?? 0) >= goals.accEpoch1,
            ...(full.epochs.length >= 10 ? { accEpoch10: full.epochs[9].testAcc >= goals.accEpoch10 } : {}),
          }
        : {}),
    },
    ...(full
      ? {
          full: {
            ...full,
            epochs: full.epochs.map((e) => ({
              ...e,
              trainLoss: round(e.trainLoss, 4),
              trainAcc: round(e.trainAcc, 4),
              testLoss: round(e.testLoss, 4),
              testAcc: round(e.testAcc, 4),
              trainSeconds: round(e.trainSeconds),
              seconds: round(e.seconds),
              imagesPerSec: round(e.imagesPerSec),
            })),
          },
        }
      : {}),
  };

  const rows = [['backend', 'train img/s', 'ms/step', 'fwd img/s b64', 'fwd img/s b1000', 'Δ numTensors', 'leak steps', 'max longtask ms', 'max frame gap ms', 'renderer']];
  for (const r of results) {
    if (r.error) rows.push([r.backend, 'n/a', '', '', '', '', '', '', '', r.error.slice(0, 50)]);
    else
      rows.push([
        r.backend,
        f1(r.trainImagesPerSec),
        f1(r.medianStepMs),
        f1(r.forwardImagesPerSec),
        f1(r.forwardImagesPerSecLarge),
        r.numTensorsDelta,
        `3×${r.leakStepsPerEpoch}`,
        r.maxLongTaskMs,
        r.maxFrameGapMs,
        r.renderer ?? '',
      ]);
  }
  if (baseOk)
    rows.push([
      `baseline: ${baseOk.backend} model.fit, main thread`,
      f1(baseOk.trainImagesPerSec),
      f1(baseOk.medianStepMs),
      '',
      '',
      '',
      '',
      baseOk.maxLongTaskMs,
      baseOk.maxFrameGapMs,
      '',
    ]);
  const load = out.machine.loadAverage1m;
  console.log(
    `\nSeed CNN, batch 64, MNIST — ${out.machine.cpu}, ${out.machine.cores} cores, ${out.machine.chromium}; ` +
      `load average ${load.min}–${load.max} (mean ${load.mean}) during the run\n`,
  );
  console.log(table(rows));
  if (best) console.log(`\nbest: ${best.backend} ${f1(best.trainImagesPerSec)} img/s${speedup !== null ? `, ${speedup.toFixed(1)}× the baseline` : ''}`);
  for (const r of results) {
    if (r.diag) {
      const d = r.diag;
      console.log(
        `\ndiag ${r.backend}: bare loop ${f1(d.syncEveryStepImagesPerSec)} img/s reading loss every step, ` +
          `${f1(d.pipelinedImagesPerSec)} img/s reading every ${d.pipelineEvery} steps; per profiled step ${f1(d.profileWallMs)} ms wall, ${f1(d.profileTotalMs)} ms in kernels:`,
      );
      console.log('  ' + d.profile.map((k) => `${k.kernel} ${k.ms} ms ×${k.count}`).join(', '));
    }
  }
  if (out.full) {
    console.log(`\nfull run on ${out.full.backend}: ${out.full.trainCount} training images, test accuracy on ${out.full.testCount}`);
    console.log(
      table([
        ['epoch', 'test acc %', 'test loss', 'train loss', 'train s', 'epoch s', 'img/s'],
        ...out.full.epochs.map((e) => [e.epoch, (e.testAcc * 100).toFixed(2), e.testLoss, e.trainLoss, e.trainSeconds, e.seconds, e.imagesPerSec]),
      ]),
    );
  }
  console.log(`\ngoals: ${JSON.stringify(out.goalsMet)}`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
  // A dated copy beside it, so a later run does not overwrite (e.g.) a --full result.
  const dated = join(dirname(outFile), `${out.date.replace(/[:.]/g, '-')}${fullRun ? '-full' : ''}.json`);
  writeFileSync(dated, JSON.stringify(out, null, 2) + '\n');
  say(`wrote ${outFile} and ${dated}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
