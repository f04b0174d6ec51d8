/**
 * Node benchmark of CNN training on the tfjs wasm backend (single-threaded SIMD,
 * as in the browser without cross-origin isolation).
 *
 *   npx tsx scripts/bench-node-wasm.ts [--steps 40] [--cpu] [--no-ops] [--no-profile]
 *
 * Prints per-op timings (stock wasm kernels vs. installFastGradients), the seed
 * CNN's training throughput (batch 64, after warm-up) before (stock kernels +
 * only the missing filter gradient) and after (installFastGradients, with
 * tf.train.adam and with fastAdam), a per-kernel time breakdown of one step,
 * optionally the cpu backend's throughput, and finally one JSON line.
 *
 * Times are process CPU time (wasm runs synchronously on this thread, and CPU
 * time is not inflated by other processes on a shared machine) unless marked
 * wall. Throughput is reported as the median and the best step.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { fastAdam } from '../src/ml/backends/fastAdam';
import { conv2dBackpropFilterKernel } from '../src/ml/backends/wasmConvKernels';
import { installFastGradients, uninstallFastGradients } from '../src/ml/backends/wasmGradients';
import { setSimdEnabled } from '../src/ml/backends/wasmHeap';
import { buildSeedCnn, makeBatch, trainStep } from '../src/ml/backends/seedCnnFixture';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const STEPS = opt('steps', 40);
const BATCH = 64;

/**
 * Process CPU time in ms. wasm kernels run synchronously on this thread, so CPU
 * time is compute time, and unlike wall time it is not inflated by other
 * processes competing for the cores (a shared 2-core box, here).
 */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Best-of-rounds CPU ms per call of f. */
function timeMs(f: () => unknown, iters = 8, rounds = 5): number {
  for (let i = 0; i < 2; i++) tf.tidy(() => void f());
  const res: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = cpuNow();
    for (let i = 0; i < iters; i++) tf.tidy(() => void f());
    res.push((cpuNow() - t0) / iters);
  }
  return Math.min(...res);
}

/** Times f with the stock kernels and with the fast ones; a stock failure is reported as null. */
function abOp(name: string, f: () => unknown, results: Record<string, { stock: number | null; fast: number }>) {
  uninstallFastGradients();
  let stock: number | null = null;
  try {
    stock = timeMs(f, 3, 3);
  } catch {
    stock = null;
  }
  installFastGradients();
  const fast = timeMs(f);
  results[name] = { stock, fast };
  const s = stock == null ? 'n/a (throws)' : `${stock.toFixed(2)} ms`;
  console.log(`  ${name.padEnd(36)} stock ${s.padStart(14)}   fast ${fast.toFixed(2).padStart(7)} ms`);
}

/** The backward-pass computations of the seed CNN, each timed alone (forward results precomputed). */
function opBenchmarks() {
  const r: Record<string, { stock: number | null; fast: number }> = {};
  const rnd = (s: number[]) => tf.randomNormal(s);
  const x1 = rnd([BATCH, 28, 28, 1]) as tf.Tensor4D, w1 = rnd([3, 3, 1, 32]) as tf.Tensor4D;
  const x2 = rnd([BATCH, 13, 13, 32]) as tf.Tensor4D, w2 = rnd([3, 3, 32, 64]) as tf.Tensor4D;
  const a1 = tf.relu(rnd([BATCH, 26, 26, 32])) as tf.Tensor4D, a2 = tf.relu(rnd([BATCH, 11, 11, 64])) as tf.Tensor4D;
  const dy1 = rnd([BATCH, 26, 26, 32]) as tf.Tensor4D, dy2 = rnd([BATCH, 11, 11, 64]) as tf.Tensor4D;
  const p1 = tf.maxPool(a1, 2, 2, 'valid'), p2 = tf.maxPool(a2, 2, 2, 'valid');
  const g1 = rnd(p1.shape), g2 = rnd(p2.shape);
  const h = rnd([BATCH, 1600]), wd = rnd([1600, 64]), dh = rnd([BATCH, 64]), b1 = rnd([32]);
  const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
    tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap);
  const dW = (x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[]) =>
    run('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape });
  const pool = { filterSize: 2, strides: 2, pad: 'valid' };
  const reluGrad = (dy: tf.Tensor, x: tf.Tensor) =>
    (tf.getGradient('Relu')?.gradFunc(dy, [x], {}) as { x: () => tf.Tensor }).x();
  console.log('Per-op CPU ms, wasm, batch 64 (best of rounds; stock kernels vs installFastGradients):');
  abOp('conv1 forward', () => tf.conv2d(x1, w1, 1, 'valid'), r);
  abOp('conv2 forward', () => tf.conv2d(x2, w2, 1, 'valid'), r);
  abOp('conv2 dx (Conv2DBackpropInput)', () => tf.conv2dTranspose(dy2, w2, [BATCH, 13, 13, 32], 1, 'valid'), r);
  abOp('conv1 dW (Conv2DBackpropFilter)', () => dW(x1, dy1, [3, 3, 1, 32]), r);
  abOp('conv2 dW (Conv2DBackpropFilter)', () => dW(x2, dy2, [3, 3, 32, 64]), r);
  abOp('maxPool1 grad 26→13 (MaxPoolGrad)', () => run('MaxPoolGrad', { dy: g1, input: a1, output: p1 }, pool), r);
  abOp('maxPool2 grad 11→5 (MaxPoolGrad)', () => run('MaxPoolGrad', { dy: g2, input: a2, output: p2 }, pool), r);
  abOp('avgPool1 grad 26→13 (AvgPoolGrad)', () => run('AvgPoolGrad', { dy: g1, input: a1 }, pool), r);
  abOp('relu1 grad [64,26,26,32]', () => reluGrad(dy1, a1), r);
  abOp('bias1 grad (Sum over B,H,W)', () => tf.sum(dy1, [0, 1, 2]), r);
  abOp('bias1 add forward (broadcast Add)', () => tf.add(dy1, b1), r);
  abOp('dense1 dx (matMul transposeB)', () => tf.matMul(dh, wd, false, true), r);
  abOp('dense1 dW (matMul transposeA)', () => tf.matMul(h, dh, true, false), r);
  abOp('transpose [64,26,26,32]→[32,…]', () => tf.transpose(dy1, [3, 0, 1, 2]), r);
  tf.dispose([x1, w1, x2, w2, a1, a2, dy1, dy2, p1, p2, g1, g2, h, wd, dh, b1]);
  return r;
}

/**
 * Wraps every registered kernel of `backend` to accumulate self time per kernel
 * name (time inside nested kernel calls is charged to the nested kernel).
 * Returns a function that removes the wrappers and reports the totals.
 */
function profileKernels(backend: string): () => Map<string, { ms: number; calls: number }> {
  const stats = new Map<string, { ms: number; calls: number }>();
  const stack: number[] = [];
  const originals = tf.getKernelsForBackend(backend);
  for (const k of originals) {
    const inner = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, backend);
    tf.registerKernel({
      ...k,
      kernelFunc: (args) => {
        stack.push(0);
        const t0 = cpuNow();
        try {
          return inner(args);
        } finally {
          const total = cpuNow() - t0;
          const child = stack.pop() ?? 0;
          if (stack.length > 0) stack[stack.length - 1] += total;
          const s = stats.get(k.kernelName) ?? { ms: 0, calls: 0 };
          s.ms += total - child;
          s.calls++;
          stats.set(k.kernelName, s);
        }
      },
    });
  }
  return () => {
    for (const k of originals) {
      tf.unregisterKernel(k.kernelName, backend);
      tf.registerKernel(k);
    }
    return stats;
  };
}

async function trainThroughput(
  backend: string, steps: number, profile: boolean, makeOptimizer: () => tf.Optimizer, warmUp = 5,
) {
  await tf.setBackend(backend);
  await tf.ready();
  const model = buildSeedCnn();
  const optimizer = makeOptimizer();
  const { x, y } = makeBatch(BATCH);
  const step = () => tf.dispose(trainStep(model, optimizer, x, y));
  for (let i = 0; i < warmUp; i++) step();
  // Time every step on both clocks. The median is the honest number on a quiet
  // machine; the minimum is robust to other processes on a busy one.
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    const c0 = cpuNow();
    step();
    cpu.push(cpuNow() - c0);
    wall.push(performance.now() - t0);
  }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const stepMs = med(wall);
  const cpuStepMs = med(cpu);
  const minStepMs = Math.min(...wall);
  const minCpuStepMs = Math.min(...cpu);
  let breakdown: Array<{ kernel: string; msPerStep: number; callsPerStep: number }> = [];
  if (profile) {
    const n = 5;
    const stop = profileKernels(backend);
    const p0 = cpuNow();
    for (let i = 0; i < n; i++) step();
    const profiledMs = (cpuNow() - p0) / n;
    const stats = stop();
    breakdown = [...stats.entries()]
      .map(([kernel, s]) => ({ kernel, msPerStep: s.ms / n, callsPerStep: s.calls / n }))
      .sort((a, b) => b.msPerStep - a.msPerStep);
    const inKernels = breakdown.reduce((a, b) => a + b.msPerStep, 0);
    console.log(`  kernel self CPU time per step (profiled step ${profiledMs.toFixed(1)} ms, ` +
      `${inKernels.toFixed(1)} ms in kernels, rest is engine/JS/GC overhead):`);
    for (const b of breakdown.slice(0, 18)) {
      console.log(`    ${b.kernel.padEnd(24)} ${b.msPerStep.toFixed(2).padStart(7)} ms  ${String(b.callsPerStep).padStart(4)} calls`);
    }
  }
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  const ips = (ms: number) => (BATCH * 1000) / ms;
  return {
    stepMs, cpuStepMs, minStepMs, minCpuStepMs,
    imgPerSec: ips(stepMs), cpuImgPerSec: ips(cpuStepMs), bestImgPerSec: ips(minStepMs), bestCpuImgPerSec: ips(minCpuStepMs),
    breakdown,
  };
}

type Throughput = Awaited<ReturnType<typeof trainThroughput>>;

function report(r: Throughput) {
  console.log(`  median: wall ${r.stepMs.toFixed(1)} ms/step = ${r.imgPerSec.toFixed(0)} img/s, ` +
    `CPU ${r.cpuStepMs.toFixed(1)} ms/step = ${r.cpuImgPerSec.toFixed(0)} img/s`);
  console.log(`  best:   wall ${r.minStepMs.toFixed(1)} ms/step = ${r.bestImgPerSec.toFixed(0)} img/s, ` +
    `CPU ${r.minCpuStepMs.toFixed(1)} ms/step = ${r.bestCpuImgPerSec.toFixed(0)} img/s`);
}

const summary = (r: Throughput) => ({
  stepMs: +r.stepMs.toFixed(2), imgPerSec: +r.imgPerSec.toFixed(1),
  cpuStepMs: +r.cpuStepMs.toFixed(2), cpuImgPerSec: +r.cpuImgPerSec.toFixed(1),
  bestStepMs: +r.minStepMs.toFixed(2), bestImgPerSec: +r.bestImgPerSec.toFixed(1),
  bestCpuStepMs: +r.minCpuStepMs.toFixed(2), bestCpuImgPerSec: +r.bestCpuImgPerSec.toFixed(1),
});

/**
 * "Before": the stock wasm kernels plus only the missing Conv2DBackpropFilter
 * (our forward-conv formulation, SIMD loops off), i.e. the least that trains.
 */
async function baselineThroughput(steps: number): Promise<Throughput> {
  uninstallFastGradients();
  setSimdEnabled(false);
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm',
    kernelFunc: conv2dBackpropFilterKernel as unknown as tf.KernelFunc });
  try {
    return await trainThroughput('wasm', steps, false, () => tf.train.adam(1e-3));
  } finally {
    tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
    setSimdEnabled(true);
    installFastGradients();
  }
}

async function main() {
  await tf.setBackend('wasm');
  await tf.ready();
  installFastGradients();
  const ops = flag('no-ops') ? {} : opBenchmarks();
  const header = (what: string, steps: number, warmUp = 5) =>
    console.log(`\nSeed CNN training, ${what}, batch ${BATCH}, ${steps} timed steps after ${warmUp} warm-up:`);
  const baseSteps = Math.max(5, Math.ceil(STEPS / 4));
  header('wasm BEFORE (stock kernels + only the missing Conv2DBackpropFilter)', baseSteps);
  const before = await baselineThroughput(baseSteps);
  report(before);
  header('wasm + installFastGradients + tf.train.adam', STEPS);
  const stockAdam = await trainThroughput('wasm', STEPS, false, () => tf.train.adam(1e-3));
  report(stockAdam);
  header('wasm + installFastGradients + fastAdam', STEPS);
  const after = await trainThroughput('wasm', STEPS, !flag('no-profile'), () => fastAdam(1e-3));
  report(after);
  let cpu: Throughput | null = null;
  if (flag('cpu')) {
    header('cpu backend (reference)', 3, 1);
    cpu = await trainThroughput('cpu', 3, false, () => tf.train.adam(1e-3), 1);
    report(cpu);
  }
  console.log(JSON.stringify({
    bench: 'bench-node-wasm',
    node: process.version,
    batch: BATCH,
    steps: STEPS,
    before: summary(before),
    fastGradientsStockAdam: summary(stockAdam),
    after: summary(after),
    cpu: cpu && summary(cpu),
    ops,
    breakdown: after.breakdown.map((b) => ({ ...b, msPerStep: +b.msPerStep.toFixed(3) })),
  }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
