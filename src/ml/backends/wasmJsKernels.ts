/**
 * Memory-bound kernels written as plain JS loops over the wasm heap.
 *
 * Why JS: the stock wasm kernels for these jobs are scalar and generic
 * (MaxPoolGrad 36 ms, AvgPoolGrad 18 ms, transposes inside Sum) while a tight
 * typed-array loop in V8 streams ~1 element/ns. None of them does arithmetic
 * that SIMD would speed up much; they are all about touching memory once.
 *
 * All tensors are NHWC, float32. Every function allocates its output first and
 * takes heap views afterwards (an allocation may grow and detach the heap).
 */
import * as tf from '@tensorflow/tfjs';
import { f32, type KernelArgs, type WasmBackendLike } from './wasmHeap';


/**
 * The filter of the input-gradient convolution: W'[i, j, o, c] = W[KH-1-i, KW-1-j, c, o].
 * @param filter [KH, KW, Cin, Cout]
 * @returns [KH, KW, Cout, Cin], spatially flipped, in/out channels swapped
 */
export function flipSwapFilter(backend: WasmBackendLike, filter: tf.TensorInfo): tf.TensorInfo {
  const [kh, kw, ci, co] = filter.shape;
  const out = backend.makeOutput([kh, kw, co, ci], 'float32');
  const w = f32(backend, filter);
  const r = f32(backend, out);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const src = ((kh - 1 - i) * kw + (kw - 1 - j)) * ci * co;
      const dst = (i * kw + j) * co * ci;
      for (let c = 0; c < ci; c++) {
        for (let o = 0; o < co; o++) r[dst + o * ci + c] = w[src + c * co + o];
      }
    }
  }
  return out;
}

/**
 * Reads the filter gradient out of the transposed convolution's result.
 * @param t [Cin, Hp, Wp, Cout] with Hp >= KH, Wp >= KW (extra rows/cols ignored)
 * @returns [KH, KW, Cin, Cout]
 */
export function cropToHWIO(backend: WasmBackendLike, t: tf.TensorInfo, kh: number, kw: number): tf.TensorInfo {
  const [ci, hp, wp, co] = t.shape;
  const out = backend.makeOutput([kh, kw, ci, co], 'float32');
  const s = f32(backend, t);
  const r = f32(backend, out);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      for (let c = 0; c < ci; c++) {
        const src = ((c * hp + i) * wp + j) * co;
        const dst = ((i * kw + j) * ci + c) * co;
        for (let o = 0; o < co; o++) r[dst + o] = s[src + o];
      }
    }
  }
  return out;
}

/**
 * Zero-fills [B, outH, outW, C] and places dy[b, oh, ow, :] at row top + oh*sh,
 * column left + ow*sw; positions outside the output are dropped. This is
 * "insert stride-1 zeros between dy pixels, then pad/crop" in one pass.
 * @param dy [B, OH, OW, C]
 */
export function spreadDy(
  backend: WasmBackendLike,
  dy: tf.TensorInfo,
  outH: number,
  outW: number,
  top: number,
  left: number,
  sh: number,
  sw: number,
): tf.TensorInfo {
  const [b, oh, ow, c] = dy.shape;
  const out = backend.makeOutput([b, outH, outW, c], 'float32');
  const g = f32(backend, dy);
  const r = f32(backend, out);
  r.fill(0);
  for (let n = 0; n < b; n++) {
    for (let y = 0; y < oh; y++) {
      const h = top + y * sh;
      if (h < 0 || h >= outH) continue;
      for (let x = 0; x < ow; x++) {
        const w = left + x * sw;
        if (w < 0 || w >= outW) continue;
        const src = ((n * oh + y) * ow + x) * c;
        r.set(g.subarray(src, src + c), ((n * outH + h) * outW + w) * c);
      }
    }
  }
  return out;
}

/**
 * MaxPoolGrad with the cpu backend's semantics: in each window the *first*
 * strictly-greatest input in row-major scan order receives the whole dy (ties
 * do not split or duplicate it); overlapping windows accumulate; padding cells
 * never win; a window of only -Infinity/NaN passes no gradient.
 * inputs: dy [B, OH, OW, C], input x [B, H, W, C]; returns dx [B, H, W, C].
 */
export function maxPoolGradKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const be = backend as WasmBackendLike;
  const { dy, input } = inputs;
  const a = attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
  const { batchSize: nb, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const [fh, fw] = [info.filterHeight, info.filterWidth];
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [pt, pl] = [info.padInfo.top, info.padInfo.left];
  const out = be.makeOutput(input.shape, 'float32');
  const x = f32(be, input);
  const g = f32(be, dy);
  const dx = f32(be, out);
  dx.fill(0);
  // Per-channel running max and its flat index, reused across windows.
  const best = new Float32Array(C);
  const arg = new Int32Array(C);
  for (let n = 0; n < nb; n++) {
    for (let oy = 0; oy < OH; oy++) {
      const h0 = Math.max(0, oy * sh - pt);
      const h1 = Math.min(H, oy * sh - pt + fh);
      for (let ox = 0; ox < OW; ox++) {
        const w0 = Math.max(0, ox * sw - pl);
        const w1 = Math.min(W, ox * sw - pl + fw);
        best.fill(-Infinity);
        arg.fill(-1);
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const base = ((n * H + h) * W + w) * C;
            for (let c = 0; c < C; c++) {
              const v = x[base + c];
              if (v > best[c]) {
                best[c] = v;
                arg[c] = base + c;
              }
            }
          }
        }
        const q = ((n * OH + oy) * OW + ox) * C;
        for (let c = 0; c < C; c++) {
          const i = arg[c];
          if (i >= 0) dx[i] += g[q + c];
        }
      }
    }
  }
  return out;
}

/**
 * AvgPoolGrad with the cpu backend's semantics: every in-bounds cell of a window
 * receives dy / (filterHeight * filterWidth), also for 'same' windows that hang
 * over the border (tfjs divides by the full window size in the gradient).
 * inputs: dy [B, OH, OW, C], input x [B, H, W, C]; returns dx [B, H, W, C].
 */
export function avgPoolGradKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const be = backend as WasmBackendLike;
  const { dy, input } = inputs;
  const a = attrs as unknown as tf.AvgPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad);
  const { batchSize: nb, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const [fh, fw] = [info.filterHeight, info.filterWidth];
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [pt, pl] = [info.padInfo.top, info.padInfo.left];
  const scale = 1 / (fh * fw);
  const out = be.makeOutput(input.shape, 'float32');
  const g = f32(be, dy);
  const dx = f32(be, out);
  dx.fill(0);
  for (let n = 0; n < nb; n++) {
    for (let oy = 0; oy < OH; oy++) {
      const h0 = Math.max(0, oy * sh - pt);
      const h1 = Math.min(H, oy * sh - pt + fh);
      for (let ox = 0; ox < OW; ox++) {
        const w0 = Math.max(0, ox * sw - pl);
        const w1 = Math.min(W, ox * sw - pl + fw);
        const q = ((n * OH + oy) * OW + ox) * C;
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const base = ((n * H + h) * W + w) * C;
            for (let c = 0; c < C; c++) dx[base + c] += g[q + c] * scale;
          }
        }
      }
    }
  }
  return out;
}

/**
 * ReLU gradient in one pass: dx = x > 0 ? dy : dy * 0 (NaN x gives NaN), the
 * same values as tfjs' dy * step(x) without its two temporaries.
 * inputs: dy, x (same shape); returns dx.
 */
export function reluGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const be = backend as WasmBackendLike;
  const { dy, x } = inputs;
  const out = be.makeOutput(x.shape, 'float32');
  const g = f32(be, dy);
  const v = f32(be, x);
  const r = f32(be, out);
  for (let i = 0, n = r.length; i < n; i++) {
    const xi = v[i];
    r[i] = xi > 0 ? g[i] : xi <= 0 ? g[i] * 0 : NaN;
  }
  return out;
}

/**
 * Column sums: x viewed as [rows, cols] → [cols], accumulated in float64
 * (like the cpu backend) so long sums of bias gradients stay accurate.
 */
export function columnSum(backend: WasmBackendLike, x: tf.TensorInfo, cols: number, outShape: number[]): tf.TensorInfo {
  const out = backend.makeOutput(outShape, 'float32');
  const v = f32(backend, x);
  const r = f32(backend, out);
  const acc = new Float64Array(cols);
  const rows = v.length / cols;
  for (let i = 0, p = 0; i < rows; i++) {
    for (let c = 0; c < cols; c++, p++) acc[c] += v[p];
  }
  r.set(acc);
  return out;
}
