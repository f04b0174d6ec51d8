/**
 * Node benchmark of CNN training on the tfjs wasm backend (single-threaded SIMD,
 * as in the browser without cross-origin isolation).
 *
 *   npx tsx scripts/bench-node-wasm.ts [--steps 30] [--cpu] [--no-ops] [--no-profile]
 *
 * Times are process CPU time unless marked wall (robust on a shared machine).
 * Prints per-op timings (stock wasm kernels vs. installFastGradients), the seed
 * CNN's training throughput (batch 64, after warm-up) with a per-kernel time
 * breakdown of one step, optionally the cpu backend's throughput, and finally
 * one JSON line with all numbers.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { fastAdam } from '../src/ml/backends/fastAdam';
import { installFastGradients, uninstallFastGradients } from '../src/ml/backends/wasmGradients';
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
  console.log(`  ${name.padEnd(34)} stock ${s.padStart(14)}   fast ${fast.toFixed(2).padStart(7)} ms`);
}

function opBenchmarks() {
  const r: Record<string, { stock: number | null; fast: number }> = {};
  const rnd = (s: number[]) => tf.randomNormal(s);
  const x1 = rnd([BATCH, 28, 28, 1]) as tf.Tensor4D, w1 = rnd([3, 3, 1, 32]) as tf.Tensor4D;
  const x2 = rnd([BATCH, 13, 13, 32]) as tf.Tensor4D, w2 = rnd([3, 3, 32, 64]) as tf.Tensor4D;
  const a1 = tf.relu(rnd([BATCH, 26, 26, 32])) as tf.Tensor4D, a2 = tf.relu(rnd([BATCH, 11, 11, 64])) as tf.Tensor4D;
  const dy1 = rnd([BATCH, 26, 26, 32]) as tf.Tensor4D, dy2 = rnd([BATCH, 11, 11, 64]) as tf.Tensor4D;
  const h = rnd([BATCH, 1600]), wd = rnd([1600, 64]), dh = rnd([BATCH, 64]);
  console.log('Per-op timings, wasm, batch 64 (median):');
  abOp('conv1 forward', () => tf.conv2d(x1, w1, 1, 'valid'), r);
  abOp('conv2 forward', () => tf.conv2d(x2, w2, 1, 'valid'), r);
  abOp('conv2 dx (Conv2DBackpropInput)', () => tf.conv2dTranspose(dy2, w2, [BATCH, 13, 13, 32], 1, 'valid'), r);
  abOp('conv1 dW (Conv2DBackpropFilter)', () => tf.grad((w: tf.Tensor) => tf.conv2d(x1, w as tf.Tensor4D, 1, 'valid'))(w1, dy1), r);
  abOp('conv2 dW (Conv2DBackpropFilter)', () => tf.grad((w: tf.Tensor) => tf.conv2d(x2, w as tf.Tensor4D, 1, 'valid'))(w2, dy2), r);
  const p1 = tf.maxPool(a1, 2, 2, 'valid'), p2 = tf.maxPool(a2, 2, 2, 'valid');
  abOp('maxPool1 grad 26→13', () => tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'))(a1, tf.onesLike(p1)), r);
  abOp('maxPool2 grad 11→5', () => tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'))(a2, tf.onesLike(p2)), r);
  abOp('avgPool1 grad 26→13', () => tf.grad((x: tf.Tensor) => tf.avgPool(x as tf.Tensor4D, 2, 2, 'valid'))(a1, tf.onesLike(p1)), r);
  abOp('relu grad [64,26,26,32]', () => tf.grad((x: tf.Tensor) => tf.relu(x))(dy1, dy1), r);
  abOp('bias grad sum [64,26,26,32]→[32]', () => tf.sum(dy1, [0, 1, 2]), r);
  abOp('dense1 dx (matMul transposeB)', () => tf.matMul(dh, wd, false, true), r);
  abOp('dense1 dW (matMul transposeA)', () => tf.matMul(h, dh, true, false), r);
  tf.dispose([x1, w1, x2, w2, a1, a2, dy1, dy2, h, wd, dh, p1, p2]);
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

async function trainThroughput(backend: string, steps: number, profile: boolean, makeOptimizer: () => tf.Optimizer) {
  await tf.setBackend(backend);
  await tf.ready();
  const model = buildSeedCnn();
  const optimizer = makeOptimizer();
  const { x, y } = makeBatch(BATCH);
  const step = () => tf.dispose(trainStep(model, optimizer, x, y));
  for (let i = 0; i < 5; i++) step();
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

function report(r: Awaited<ReturnType<typeof trainThroughput>>) {
  console.log(`  median: wall ${r.stepMs.toFixed(1)} ms/step = ${r.imgPerSec.toFixed(0)} img/s, ` +
    `CPU ${r.cpuStepMs.toFixed(1)} ms/step = ${r.cpuImgPerSec.toFixed(0)} img/s`);
  console.log(`  best:   wall ${r.minStepMs.toFixed(1)} ms/step = ${r.bestImgPerSec.toFixed(0)} img/s, ` +
    `CPU ${r.minCpuStepMs.toFixed(1)} ms/step = ${r.bestCpuImgPerSec.toFixed(0)} img/s`);
}

async function main() {
  await tf.setBackend('wasm');
  await tf.ready();
  installFastGradients();
  const ops = flag('no-ops') ? {} : opBenchmarks();
  const adam = () => tf.train.adam(1e-3);
  console.log(`\nSeed CNN training, wasm + installFastGradients + tf.train.adam, batch ${BATCH}, ${STEPS} timed steps after 5 warm-up:`);
  const wasmStockAdam = await trainThroughput('wasm', STEPS, false, adam);
  report(wasmStockAdam);
  console.log(`\nSeed CNN training, wasm + installFastGradients + fastAdam, batch ${BATCH}, ${STEPS} timed steps after 5 warm-up:`);
  const wasm = await trainThroughput('wasm', STEPS, !flag('no-profile'), () => fastAdam(1e-3));
  report(wasm);
  let cpu: { stepMs: number; cpuStepMs: number; imgPerSec: number } | null = null;
  if (flag('cpu')) {
    console.log(`\nSeed CNN training, cpu backend, batch ${BATCH}, 3 steps:`);
    cpu = await trainThroughput('cpu', 3, false, adam);
    console.log(`  ${cpu.stepMs.toFixed(1)} ms/step = ${cpu.imgPerSec.toFixed(0)} img/s`);
  }
  const json = {
    bench: 'bench-node-wasm',
    node: process.version,
    batch: BATCH,
    steps: STEPS,
    wasmStockAdam: {
      stepMs: +wasmStockAdam.stepMs.toFixed(2), imgPerSec: +wasmStockAdam.imgPerSec.toFixed(1),
      cpuStepMs: +wasmStockAdam.cpuStepMs.toFixed(2), cpuImgPerSec: +wasmStockAdam.cpuImgPerSec.toFixed(1),
      bestCpuImgPerSec: +wasmStockAdam.bestCpuImgPerSec.toFixed(1),
    },
    wasm: {
      stepMs: +wasm.stepMs.toFixed(2), imgPerSec: +wasm.imgPerSec.toFixed(1),
      cpuStepMs: +wasm.cpuStepMs.toFixed(2), cpuImgPerSec: +wasm.cpuImgPerSec.toFixed(1),
      bestStepMs: +wasm.minStepMs.toFixed(2), bestImgPerSec: +wasm.bestImgPerSec.toFixed(1),
      bestCpuStepMs: +wasm.minCpuStepMs.toFixed(2), bestCpuImgPerSec: +wasm.bestCpuImgPerSec.toFixed(1),
    },
    cpu: cpu && { stepMs: +cpu.stepMs.toFixed(2), imgPerSec: +cpu.imgPerSec.toFixed(1) },
    ops,
    breakdown: wasm.breakdown.map((b) => ({ ...b, msPerStep: +b.msPerStep.toFixed(3) })),
  };
  console.log(JSON.stringify(json));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
