/**
 * Fast CNN training on the tfjs wasm backend.
 *
 * tfjs-backend-wasm 4.22 cannot train a CNN out of the box: it has no
 * Conv2DBackpropFilter kernel, its Conv2DBackpropInput is ~8× slower than a
 * forward conv, and several backward-pass kernels are scalar/generic
 * (MaxPoolGrad, AvgPoolGrad, transposed BatchMatMul, Sum over leading axes,
 * broadcasting Add, Transpose, a copying Identity). `installFastGradients()`
 * fixes all of these. Memory-bound loops run as SIMD wasm assembled at runtime
 * on the backend's own heap (wasmSimd*.ts), with JS fallbacks where SIMD or an
 * alignment condition (channels % 4) is missing.
 *
 * Kernels registered for the 'wasm' backend only (other backends untouched):
 * - Conv2DBackpropFilter (new) and Conv2DBackpropInput (replaced): forward
 *   convolutions over transposed / flipped tensors, or GEMMs where cheaper
 *   (wasmConvKernels.ts). Kernel level, so they also serve tf.layers'
 *   FusedConv2D custom gradient (linear-activation convs) and conv2dTranspose.
 * - MaxPoolGrad, AvgPoolGrad (replaced): one pass, cpu-backend semantics.
 * - BatchMatMul, _FusedMatMul (wrapped): with transposeA/B the stock kernel
 *   leaves XNNPACK for a scalar loop (5 ms for the 1600×64 dense gradients);
 *   we transpose explicitly (0.1 ms) and stay on XNNPACK.
 * - Sum (wrapped): sums over leading axes (bias gradients) are column sums.
 * - Transpose (wrapped): SIMD 4×4-block transposes for the layouts above.
 * - Add (wrapped): bias broadcasting (x[..., C] + b[C]) in one SIMD pass.
 * - Identity (wrapped): shares the buffer (refcounted) instead of copying; the
 *   engine clones every tensor it saves for backprop.
 * - NNLabReluGrad, NNLabLeakyReluGrad, NNLabAdamStep (new): one-pass kernels
 *   for the activation gradients and fastAdam's fused update.
 *
 * Gradients overridden in the global registry (all backends):
 * - Conv2D: routes to the kernels above on wasm and adds dilation > 1 support
 *   everywhere (tfjs' own gradient throws for dilations); on other backends it
 *   uses their own backprop kernels, so their results are unchanged.
 * - Relu, LeakyRelu: the one-pass kernels on wasm; tfjs' own formulas
 *   elsewhere. (The one-pass kernels have no gradient themselves, so
 *   second-order gradients through ReLU need another backend.)
 */
import * as tf from '@tensorflow/tfjs';
// Registers the stock wasm kernels first, so that we wrap/replace them rather
// than being overwritten by a later import.
import '@tensorflow/tfjs-backend-wasm';
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel } from './wasmConvKernels';
import { ADAM_KERNEL, adamStepKernel } from './fastAdam';
import { onWasm, pair, WASM, type KernelFn } from './wasmHeap';
import { avgPoolGradKernel, leakyReluGradKernel, maxPoolGradKernel, reluGradKernel } from './wasmJsKernels';
import { biasAddFastPath, explicitTransposeMatMul, leadingAxesSum, sharingIdentity, simdTranspose } from './wasmKernelWrappers';

/** Names of the one-pass activation-gradient kernels we register for wasm. */
export const RELU_GRAD_KERNEL = 'NNLabReluGrad';
export const LEAKY_RELU_GRAD_KERNEL = 'NNLabLeakyReluGrad';

let installed = false;
const savedKernels = new Map<string, tf.KernelConfig | undefined>();
const savedGradients = new Map<string, tf.GradConfig | undefined>();

function setWasmKernel(name: string, kernelFunc: KernelFn): void {
  const original = tf.getKernel(name, WASM);
  if (!savedKernels.has(name)) savedKernels.set(name, original);
  if (original != null) tf.unregisterKernel(name, WASM);
  // Keep the stock setupFunc: wrapped kernels call into the stock kernelFunc,
  // whose cwrap bindings are created by it when the backend initialises.
  tf.registerKernel({
    kernelName: name,
    backendName: WASM,
    kernelFunc: kernelFunc as unknown as tf.KernelFunc,
    setupFunc: original?.setupFunc,
    disposeFunc: original?.disposeFunc,
  });
}

function setGradient(config: tf.GradConfig): void {
  if (!savedGradients.has(config.kernelName)) savedGradients.set(config.kernelName, tf.getGradient(config.kernelName));
  tf.registerGradient(config);
}

/** A filter with d−1 zeros between taps: [KH, KW, Ci, Co] → [(KH−1)·dh+1, (KW−1)·dw+1, Ci, Co]. */
function dilateFilter(w: tf.Tensor4D, dh: number, dw: number): tf.Tensor4D {
  const [kh, kw, ci, co] = w.shape;
  const spaced = tf.pad(tf.reshape(w, [kh, 1, kw, 1, ci, co]), [[0, 0], [0, dh - 1], [0, 0], [0, dw - 1], [0, 0], [0, 0]]);
  return tf.slice(tf.reshape(spaced, [kh * dh, kw * dw, ci, co]), 0, dilatedShape(w.shape, dh, dw)) as tf.Tensor4D;
}

function dilatedShape([kh, kw, ci, co]: number[], dh: number, dw: number): [number, number, number, number] {
  return [(kh - 1) * dh + 1, (kw - 1) * dw + 1, ci, co];
}

const conv2dGradient: tf.GradConfig = {
  kernelName: 'Conv2D',
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const a = attrs as unknown as tf.Conv2DAttrs;
    const dyT = dy as tf.Tensor4D;
    const [dh, dw] = pair(a.dilations);
    const common = { strides: a.strides, pad: a.pad, dataFormat: a.dataFormat, dimRoundingMode: a.dimRoundingMode };
    const run = (name: string, inputs: tf.NamedTensorMap, extra: object) =>
      tf.engine().runKernel(name, inputs, { ...common, ...extra } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
    if (onWasm()) {
      // Our wasm kernels understand `dilations` natively.
      const dilations = [dh, dw];
      return {
        x: () => run('Conv2DBackpropInput', { dy: dyT, filter }, { inputShape: x.shape, dilations }),
        filter: () => run('Conv2DBackpropFilter', { x, dy: dyT }, { filterShape: filter.shape, dilations }),
      };
    }
    if (dh === 1 && dw === 1) {
      // tfjs' own gradient, verbatim (plus dimRoundingMode).
      return {
        x: () => run('Conv2DBackpropInput', { dy: dyT, filter }, { inputShape: x.shape }),
        filter: () => run('Conv2DBackpropFilter', { x, dy: dyT }, { filterShape: filter.shape }),
      };
    }
    // A dilated conv is an undilated conv with a zero-spaced filter (same
    // 'same'-padding, since padding depends on the effective filter size).
    return {
      x: () => run('Conv2DBackpropInput', { dy: dyT, filter: dilateFilter(filter, dh, dw) }, { inputShape: x.shape }),
      filter: () => {
        const dShape = dilatedShape(filter.shape, dh, dw);
        const full = run('Conv2DBackpropFilter', { x, dy: dyT }, { filterShape: dShape });
        return tf.stridedSlice(full, [0, 0, 0, 0], dShape, [dh, dw, 1, 1]) as tf.Tensor4D;
      },
    };
  },
};

const reluGradient: tf.GradConfig = {
  kernelName: 'Relu',
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    const g = dy as tf.Tensor;
    if (onWasm()) return { x: () => tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: g, x }) as tf.Tensor };
    return { x: () => tf.mul(g, tf.cast(tf.step(x), 'float32')) };
  },
};

const leakyReluGradient: tf.GradConfig = {
  kernelName: 'LeakyRelu',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const g = dy as tf.Tensor;
    const { alpha } = attrs as unknown as tf.LeakyReluAttrs;
    if (onWasm()) return { x: () => tf.engine().runKernel(LEAKY_RELU_GRAD_KERNEL, { dy: g, x }, { alpha }) as tf.Tensor };
    return { x: () => tf.where(tf.greater(x, 0), g, tf.mul(g, alpha)) };
  },
};

/**
 * Installs the fast wasm training path (see the file comment). Idempotent; safe
 * to call before or after `tf.setBackend('wasm')`, and harmless on other
 * backends (their kernels are untouched; Conv2D gains dilation support).
 */
export function installFastGradients(): void {
  if (installed) return;
  setWasmKernel('Conv2DBackpropFilter', conv2dBackpropFilterKernel);
  setWasmKernel('Conv2DBackpropInput', conv2dBackpropInputKernel);
  setWasmKernel('MaxPoolGrad', maxPoolGradKernel);
  setWasmKernel('AvgPoolGrad', avgPoolGradKernel);
  setWasmKernel(RELU_GRAD_KERNEL, reluGradKernel);
  setWasmKernel(LEAKY_RELU_GRAD_KERNEL, leakyReluGradKernel);
  setWasmKernel(ADAM_KERNEL, adamStepKernel as unknown as KernelFn);
  const wrappers: Array<[string, (k: tf.KernelConfig) => KernelFn]> = [
    ['BatchMatMul', explicitTransposeMatMul], ['_FusedMatMul', explicitTransposeMatMul],
    ['Sum', leadingAxesSum], ['Identity', sharingIdentity], ['Transpose', simdTranspose], ['Add', biasAddFastPath],
  ];
  for (const [name, wrap] of wrappers) {
    const original = tf.getKernel(name, WASM);
    if (original != null) setWasmKernel(name, wrap(original));
  }
  setGradient(conv2dGradient);
  setGradient(reluGradient);
  setGradient(leakyReluGradient);
  installed = true;
}

/** Restores the stock kernels and gradients (for tests and A/B benchmarks). */
export function uninstallFastGradients(): void {
  if (!installed) return;
  for (const [name, original] of savedKernels) {
    if (tf.getKernel(name, WASM) != null) tf.unregisterKernel(name, WASM);
    if (original != null) tf.registerKernel(original);
  }
  for (const [name, original] of savedGradients) {
    if (original != null) tf.registerGradient(original);
    else tf.unregisterGradient(name);
  }
  savedKernels.clear();
  savedGradients.clear();
  installed = false;
}

/** Whether `installFastGradients()` is in effect. */
export function fastGradientsInstalled(): boolean {
  return installed;
}
