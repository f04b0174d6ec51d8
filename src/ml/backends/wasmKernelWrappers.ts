/**
 * Wrappers around stock tfjs-backend-wasm kernels: each takes a fast path for
 * the cases that matter in CNN training and otherwise calls the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { addr, callKernel, free, simd, type KernelFn, type WasmBackendLike } from './wasmHeap';
import { columnSum } from './wasmJsKernels';

/** Wraps a stock matmul kernel so transposed operands are transposed explicitly (stays on XNNPACK). */
export function explicitTransposeMatMul(original: tf.KernelConfig): KernelFn {
  const stock = original.kernelFunc as unknown as KernelFn;
  return (args) => {
    const { a, b } = args.inputs;
    const attrs = (args.attrs ?? {}) as unknown as tf.BatchMatMulAttrs;
    const be = args.backend as WasmBackendLike;
    const single = (t: tf.TensorInfo) => tf.util.sizeFromShape(t.shape.slice(0, -2)) === 1;
    if (!(attrs.transposeA || attrs.transposeB) || !single(a) || !single(b) || a.dtype !== 'float32') {
      return stock(args);
    }
    const swapLast = (t: tf.TensorInfo) => {
      const perm = t.shape.map((_, i) => i);
      [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
      return callKernel(be, 'Transpose', { x: t }, { perm });
    };
    const temps: tf.TensorInfo[] = [];
    const at = attrs.transposeA ? swapLast(a) : a;
    if (at !== a) temps.push(at);
    const bt = attrs.transposeB ? swapLast(b) : b;
    if (bt !== b) temps.push(bt);
    const out = stock({ ...args, inputs: { ...args.inputs, a: at, b: bt },
      attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    free(be, ...temps);
    return out;
  };
}

/** Wraps the stock Sum so reductions over leading axes are column sums. */
export function leadingAxesSum(original: tf.KernelConfig): KernelFn {
  const stock = original.kernelFunc as unknown as KernelFn;
  return (args) => {
    const { x } = args.inputs;
    const { axis, keepDims } = (args.attrs ?? {}) as unknown as tf.SumAttrs;
    if (x.dtype === 'float32' && x.shape.length >= 2) {
      const axes = [...tf.util.parseAxisParam(axis, x.shape)].sort((p, q) => p - q);
      const k = axes.length;
      if (k > 0 && k < x.shape.length && axes.every((ax, i) => ax === i)) {
        const kept = x.shape.slice(k);
        const outShape = keepDims ? [...axes.map(() => 1), ...kept] : kept;
        return columnSum(args.backend as WasmBackendLike, x, tf.util.sizeFromShape(kept), outShape);
      }
    }
    return stock(args);
  };
}

/**
 * Identity that shares the buffer (refcounted, like the cpu and webgl backends
 * and like wasm's own Reshape) instead of copying it. The engine clones every
 * tensor it saves for backprop, so the stock copying Identity cost ~40 copies
 * (6 ms) per seed-CNN step. No wasm kernel writes into its inputs, so sharing is safe.
 */
export function sharingIdentity(original: tf.KernelConfig): KernelFn {
  const stock = original.kernelFunc as unknown as KernelFn;
  return (args) => {
    const { x } = args.inputs;
    if (x.dtype === 'string') return stock(args);
    (args.backend as WasmBackendLike).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

/**
 * Reduces a transpose to its essential form: drops size-1 axes and merges input
 * axes that stay adjacent. E.g. [B,H,W,C] perm [3,1,2,0] → [B, H·W, C] perm [2,1,0].
 */
export function collapseTranspose(shape: number[], perm: number[]): { dims: number[]; perm: number[] } {
  const keep = shape.map((d, i) => (d > 1 ? i : -1)).filter((i) => i >= 0);
  const renum = new Map(keep.map((ax, i) => [ax, i]));
  const p = perm.filter((ax) => renum.has(ax)).map((ax) => renum.get(ax) as number);
  const groups: number[][] = [];
  for (const ax of p) {
    const last = groups[groups.length - 1];
    if (last != null && last[last.length - 1] + 1 === ax) last.push(ax);
    else groups.push([ax]);
  }
  const byInput = [...groups].sort((g, h) => g[0] - h[0]);
  return {
    dims: byInput.map((g) => g.reduce((acc, ax) => acc * shape[keep[ax]], 1)),
    perm: groups.map((g) => byInput.indexOf(g)),
  };
}

/**
 * Transpose via SIMD for the layouts the conv/dense gradients need (2-D and
 * batched 2-D transposes in 4×4 register blocks, swaps of contiguous rows);
 * the stock kernel is a generic per-element loop (~1.5 ns/element).
 */
export function simdTranspose(original: tf.KernelConfig): KernelFn {
  const stock = original.kernelFunc as unknown as KernelFn;
  return (args) => {
    const { x } = args.inputs;
    const perm = (args.attrs as unknown as tf.TransposeAttrs).perm;
    const be = args.backend as WasmBackendLike;
    const k = simd(be);
    if (k == null || x.dtype !== 'float32') return stock(args);
    const { dims, perm: p } = collapseTranspose(x.shape, perm);
    const key = p.join(',');
    const m4 = (...v: number[]) => v.every((d) => d % 4 === 0);
    const outShape = perm.map((ax) => x.shape[ax]);
    let run: ((src: number, dst: number) => void) | null = null;
    if (key === '1,0' && m4(dims[0], dims[1])) {
      const [r, c] = dims;
      run = (s, d) => k.transpose4x4(s, d, r, c, c, r, 1, 0, 0);
    } else if (key === '0,2,1' && m4(dims[1], dims[2])) {
      const [n, r, c] = dims;
      run = (s, d) => k.transpose4x4(s, d, r, c, c, r, n, r * c, r * c);
    } else if (key === '2,1,0' && m4(dims[0], dims[2])) {
      const [r, mid, c] = dims;
      run = (s, d) => k.transpose4x4(s, d, r, c, mid * c, mid * r, mid, c, r);
    } else if (key === '1,0,2' && m4(dims[2])) {
      const [a, b, n] = dims;
      run = (s, d) => k.swapBlocks(s, d, a, b, n);
    }
    if (run == null) return stock(args);
    const out = be.makeOutput(outShape, 'float32');
    run(addr(be, x), addr(be, out));
    return out;
  };
}

/**
 * Add with a fast path for bias broadcasting (one operand's size equals the
 * other's last dimension, leading dims all 1): the stock kernel's broadcast
 * path is generic and ~4× slower than a plain add.
 */
export function biasAddFastPath(original: tf.KernelConfig): KernelFn {
  const stock = original.kernelFunc as unknown as KernelFn;
  const isBiasOf = (b: tf.TensorInfo, a: tf.TensorInfo) => {
    const c = a.shape[a.shape.length - 1];
    return b.shape.length <= a.shape.length && b.shape.length > 0 && b.shape[b.shape.length - 1] === c &&
      tf.util.sizeFromShape(b.shape) === c && tf.util.sizeFromShape(a.shape) > c && c % 4 === 0;
  };
  return (args) => {
    const { a, b } = args.inputs;
    const be = args.backend as WasmBackendLike;
    const k = simd(be);
    if (k == null || a.dtype !== 'float32' || b.dtype !== 'float32') return stock(args);
    const [x, bias] = isBiasOf(b, a) ? [a, b] : isBiasOf(a, b) ? [b, a] : [null, null];
    if (x == null || bias == null) return stock(args);
    const c = x.shape[x.shape.length - 1];
    const out = be.makeOutput(x.shape, 'float32');
    k.biasAdd(addr(be, x), addr(be, bias), addr(be, out), tf.util.sizeFromShape(x.shape) / c, c);
    return out;
  };
}

