/**
 * Adam with a fused update on the wasm backend.
 *
 * tf.train.adam issues ~14 small kernels per variable per step (mul, add,
 * square, div, sqrt, …; ~100 launches and 4–5 ms per seed-CNN step on wasm,
 * mostly launch overhead). FastAdamOptimizer runs one SIMD kernel per variable
 * that reads w, m, v, g once and writes w', m', v', with tfjs' exact operation
 * order, so the numbers are bit-identical to tf.train.adam. Everything else
 * (state variables, getWeights/setWeights, serialisation name 'Adam') is the
 * stock AdamOptimizer; on other backends it is the stock update.
 */
import * as tf from '@tensorflow/tfjs';
import { addr, onWasm, simd, WASM, type KernelArgs, type WasmBackendLike } from './wasmHeap';

/** Name of the fused Adam kernel we register for wasm. */
export const ADAM_KERNEL = 'NNLabAdamStep';

interface AdamStepAttrs {
  beta1: number;
  beta2: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  epsilon: number;
  learningRate: number;
}

/** Kernel: inputs {w, m, v, g} (same shape, float32) → [w', m', v']. */
export function adamStepKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const be = backend as WasmBackendLike;
  const k = simd(be);
  if (k == null) throw new Error(`${ADAM_KERNEL} needs wasm SIMD`);
  const { w, m, v, g } = inputs;
  const a = attrs as unknown as AdamStepAttrs;
  const outs = [w, m, v].map((t) => be.makeOutput(t.shape, 'float32'));
  k.adamStep(addr(be, w), addr(be, m), addr(be, v), addr(be, g), addr(be, outs[0]), addr(be, outs[1]), addr(be, outs[2]),
    tf.util.sizeFromShape(w.shape), a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.oneMinusAccBeta1, a.oneMinusAccBeta2,
    a.epsilon, -a.learningRate);
  return outs;
}

/** Registers the fused kernel for wasm (idempotent; installFastGradients calls it). */
export function registerAdamKernel(): void {
  if (tf.getKernel(ADAM_KERNEL, WASM) == null) {
    tf.registerKernel({ kernelName: ADAM_KERNEL, backendName: WASM, kernelFunc: adamStepKernel as unknown as tf.KernelFunc });
  }
}

/** The stock optimizer's private state, which the fused path updates the same way. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable }>;
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable }>;
}

type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

export class FastAdamOptimizer extends tf.AdamOptimizer {
  applyGradients(variableGradients: VariableGradients): void {
    const usable = onWasm() && tf.getKernel(ADAM_KERNEL, WASM) != null &&
      simd(tf.backend() as unknown as WasmBackendLike) != null;
    if (!usable) {
      super.applyGradients(variableGradients);
      return;
    }
    const s = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    // Same scalars as the stock update: 1 − accBeta in float32. dataSync is fine here: this path
    // runs only on wasm, where it copies 4 bytes of CPU memory (no GPU readback), in the worker.
    const oneMinusAccBeta1 = Math.fround(1 - s.accBeta1.dataSync()[0]);
    const oneMinusAccBeta2 = Math.fround(1 - s.accBeta2.dataSync()[0]);
    const attrs = {
      beta1: this.beta1, beta2: this.beta2, oneMinusAccBeta1, oneMinusAccBeta2,
      epsilon: this.epsilon, learningRate: this.learningRate,
    };
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        if (s.accumulatedFirstMoment[i] == null) {
          s.accumulatedFirstMoment[i] = { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        }
        if (s.accumulatedSecondMoment[i] == null) {
          s.accumulatedSecondMoment[i] = { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        }
        const g = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
        if (g == null) return;
        const m = s.accumulatedFirstMoment[i].variable;
        const v = s.accumulatedSecondMoment[i].variable;
        const [w2, m2, v2] = tf.engine().runKernel(ADAM_KERNEL, { w: value, m, v, g },
          attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(m2);
        v.assign(v2);
        value.assign(w2);
      });
      s.accBeta1.assign(tf.mul(s.accBeta1, this.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}

/**
 * Drop-in replacement for tf.train.adam (same defaults and state): fused
 * update on wasm, stock update elsewhere.
 */
export function fastAdam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number): FastAdamOptimizer {
  registerAdamKernel();
  return new FastAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
