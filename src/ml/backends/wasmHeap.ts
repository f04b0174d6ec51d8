/**
 * Small, typed access to the tfjs wasm backend internals that our kernels need:
 * allocating outputs on the wasm heap, viewing tensors as Float32Arrays, and
 * calling other wasm kernels directly (the way tfjs' own composite kernels do).
 *
 * Kernels written here run *inside* a kernel call, so they must not call tf ops
 * (that would record on the tape); they call kernel functions and free every
 * intermediate with `free`.
 */
import * as tf from '@tensorflow/tfjs';
import { simdKernelsFor, type SimdKernels } from './wasmSimd';

/** The subset of tfjs-backend-wasm's `BackendWasm` that we use. */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object, force?: boolean): boolean;
  incRef(dataId: object): void;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  /** The Emscripten module; `asm.memory` is the heap's WebAssembly.Memory. */
  wasm?: { asm?: { memory?: WebAssembly.Memory } };
}

export const WASM = 'wasm';

/** What tfjs passes to a kernel function (inputs typed as always present). */
export type KernelArgs = { inputs: Record<string, tf.TensorInfo>; backend: unknown; attrs?: tf.NamedAttrMap };
export type KernelFn = (args: KernelArgs) => tf.TensorInfo;

/** True when `tf` currently computes on the wasm backend. */
export function onWasm(): boolean {
  return tf.getBackend() === WASM;
}

/**
 * A Float32Array view of a float32 tensor on the wasm heap. Take views only
 * after the last allocation of the kernel: growing the heap detaches them.
 */
export function f32(backend: WasmBackendLike, t: tf.TensorInfo): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`expected float32, got ${t.dtype}`);
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** Byte address of a tensor's data on the wasm heap. */
export function addr(backend: WasmBackendLike, t: tf.TensorInfo): number {
  const d = backend.dataIdMap.get(t.dataId);
  if (d == null) throw new Error('tensor is not on the wasm backend');
  return d.memoryOffset;
}

let simdEnabled = true;

/** Tests switch the SIMD loops off to exercise the JS fallbacks (used where wasm SIMD is unavailable). */
export function setSimdEnabled(on: boolean): void {
  simdEnabled = on;
}

/** The SIMD kernels bound to this backend's heap, or null (then use the JS loops). */
export function simd(backend: WasmBackendLike): SimdKernels | null {
  return simdEnabled ? simdKernelsFor(backend.wasm?.asm?.memory) : null;
}

/** Frees an intermediate produced by a kernel call. */
export function free(backend: WasmBackendLike, ...ts: tf.TensorInfo[]): void {
  for (const t of ts) backend.disposeData(t.dataId);
}

/**
 * Calls the currently registered wasm kernel `name` directly. `kernelFunc`s are
 * looked up at call time, so replaced kernels (ours) are picked up too.
 */
export function callKernel(
  backend: WasmBackendLike,
  name: string,
  inputs: Record<string, tf.TensorInfo>,
  attrs: Record<string, unknown>,
): tf.TensorInfo {
  const k = tf.getKernel(name, WASM);
  if (k == null) throw new Error(`wasm kernel ${name} is not registered`);
  const out = k.kernelFunc({
    inputs,
    attrs: attrs as tf.NamedAttrMap,
    backend: backend as unknown as tf.KernelBackend,
  });
  if (Array.isArray(out)) throw new Error(`wasm kernel ${name} returned several outputs`);
  return out;
}

/** [a, b] from a number or a pair, as tfjs attrs allow both. */
export function pair(v: number | [number, number] | number[] | undefined, dflt = 1): [number, number] {
  if (v == null) return [dflt, dflt];
  if (typeof v === 'number') return [v, v];
  return [v[0], v.length > 1 ? v[1] : v[0]];
}
