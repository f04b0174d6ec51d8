/**
 * Memory-bound backward-pass kernels on the wasm heap: the kernel entry points
 * (MaxPoolGrad, AvgPoolGrad, ReLU/LeakyReLU gradients) and the small layout
 * helpers of the conv gradients.
 *
 * Why not the stock kernels: they are scalar and generic (MaxPoolGrad 36 ms,
 * AvgPoolGrad 18 ms per seed-CNN step) while these jobs only need to touch
 * each element once. Each entry point runs a SIMD loop (wasmSimd.ts) when it
 * can and otherwise the JS loop here, which is also the reference semantics.
 * The JS loops avoid data-dependent branches: on ReLU outputs a mispredicted
 * branch costs more (~7 ns) than the whole element's work.
 *
 * All tensors are NHWC, float32. Every function allocates its output first and
 * takes heap views afterwards (an allocation may grow and detach the heap).
 */
import * as tf from '@tensorflow/tfjs';
import { addr, f32, free, simd, type KernelArgs, type WasmBackendLike } from './wasmHeap';

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
 * input (row-major scan order) equal to the window's max receives the whole dy;
 * ties do not split or duplicate it; overlapping windows accumulate; padding
 * cells never win. (Identical to cpu for finite inputs; windows holding NaN or
 * only -Infinity may differ, which training never relies on.)
 *
 * The max comes from the forward output y, so the loop needs no data-dependent
 * branch: `+(x === max)` compiles to a flag, and a "taken" bit per channel
 * keeps later ties from winning. Branchy versions are ~5× slower on ReLU
 * outputs, whose window maxima are unpredictable.
 * inputs: dy [B, OH, OW, C], input x [B, H, W, C], output y [B, OH, OW, C];
 * returns dx [B, H, W, C].
 */
export function maxPoolGradKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const be = backend as WasmBackendLike;
  const { dy, input, output } = inputs;
  const a = attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
  const { batchSize: nb, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const [fh, fw] = [info.filterHeight, info.filterWidth];
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [pt, pl] = [info.padInfo.top, info.padInfo.left];
  const out = be.makeOutput(input.shape, 'float32');
  const k = simd(be);
  if (k != null && C % 4 === 0) {
    const geometry = [nb, H, W, C, OH, OW, fh, fw, sh, sw, pt, pl];
    const tiled = zeroUncovered(be, out, info);
    if (tiled && fh === 2 && fw === 2 && pt === 0 && pl === 0 && 2 * OH <= H && 2 * OW <= W) {
      k.maxPoolGrad2x2(addr(be, input), addr(be, output), addr(be, dy), addr(be, out), nb, H, W, C, OH, OW);
    } else if (tiled) k.maxPoolGradTiled(addr(be, input), addr(be, output), addr(be, dy), addr(be, out), ...geometry);
    else k.maxPoolGrad(addr(be, input), addr(be, output), addr(be, dy), addr(be, out), ...geometry);
    return out;
  }
  const x = f32(be, input);
  const y = f32(be, output);
  const g = f32(be, dy);
  const dx = f32(be, out);
  dx.fill(0);
  const taken = new Int32Array(C);
  for (let n = 0; n < nb; n++) {
    for (let oy = 0; oy < OH; oy++) {
      const h0 = Math.max(0, oy * sh - pt);
      const h1 = Math.min(H, oy * sh - pt + fh);
      for (let ox = 0; ox < OW; ox++) {
        const w0 = Math.max(0, ox * sw - pl);
        const w1 = Math.min(W, ox * sw - pl + fw);
        const q = ((n * OH + oy) * OW + ox) * C;
        taken.fill(0);
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const base = ((n * H + h) * W + w) * C;
            for (let c = 0; c < C; c++) {
              const hit = +(x[base + c] === y[q + c]) & (taken[c] ^ 1);
              taken[c] |= hit;
              dx[base + c] += g[q + c] * hit;
            }
          }
        }
      }
    }
  }
  return out;
}

/**
 * Prepares dx for a pooling gradient. When the windows tile the input (stride =
 * window size), each covered cell is written exactly once by the kernel, so
 * only the uncovered bottom rows / right columns are zeroed and `true` (use the
 * store-only kernel) is returned; otherwise dx is zero-filled for accumulation.
 */
function zeroUncovered(be: WasmBackendLike, out: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): boolean {
  const dx = f32(be, out);
  const { batchSize: nb, inHeight: H, inWidth: W, inChannels: C } = info;
  if (info.strideHeight !== info.filterHeight || info.strideWidth !== info.filterWidth) {
    dx.fill(0);
    return false;
  }
  const covH = Math.min(H, info.outHeight * info.strideHeight - info.padInfo.top);
  const covW = Math.min(W, info.outWidth * info.strideWidth - info.padInfo.left);
  for (let n = 0; n < nb; n++) {
    for (let h = 0; h < covH; h++) {
      if (covW < W) dx.fill(0, ((n * H + h) * W + covW) * C, ((n * H + h) * W + W) * C);
    }
    dx.fill(0, ((n * H + covH) * W) * C, (n + 1) * H * W * C);
  }
  return true;
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
  const k = simd(be);
  if (k != null && C % 4 === 0) {
    const geometry = [nb, H, W, C, OH, OW, fh, fw, sh, sw, pt, pl, scale];
    if (zeroUncovered(be, out, info)) k.avgPoolGradTiled(addr(be, dy), addr(be, out), ...geometry);
    else k.avgPoolGrad(addr(be, dy), addr(be, out), ...geometry);
    return out;
  }
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
 * ReLU gradient in one pass: dx = x > 0 ? dy : 0, the values of tfjs'
 * dy * step(x) without its two temporaries. Done on the float bits so there is
 * no branch to mispredict (a ternary costs 7 ns/element on ReLU inputs, this
 * 0.6): for int32 bits b, (-b & ~b) has its sign bit set exactly when b > 0,
 * i.e. when the float is > 0 (-0.0, whose bits are INT_MIN, gives 0).
 * inputs: dy, x (same shape); returns dx.
 */
export function reluGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const be = backend as WasmBackendLike;
  const { dy, x } = inputs;
  const out = be.makeOutput(x.shape, 'float32');
  const k = simd(be);
  if (k != null) {
    k.reluGrad(addr(be, dy), addr(be, x), addr(be, out), tf.util.sizeFromShape(x.shape));
    return out;
  }
  const g = i32(f32(be, dy));
  const v = i32(f32(be, x));
  const r = i32(f32(be, out));
  for (let i = 0, n = r.length; i < n; i++) {
    const b = v[i];
    r[i] = g[i] & ((-b & ~b) >> 31);
  }
  return out;
}

/**
 * LeakyReLU gradient in one pass: dx = x > 0 ? dy : dy·alpha (tfjs builds it
 * from greater + mul + where; wasm's Greater alone is ~5 ns/element).
 * inputs: dy, x (same shape); attrs: alpha; returns dx.
 */
export function leakyReluGradKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const be = backend as WasmBackendLike;
  const { dy, x } = inputs;
  const alpha = (attrs as unknown as tf.LeakyReluAttrs).alpha;
  const out = be.makeOutput(x.shape, 'float32');
  const k = simd(be);
  if (k != null) {
    k.leakyReluGrad(addr(be, dy), addr(be, x), addr(be, out), tf.util.sizeFromShape(x.shape), alpha);
    return out;
  }
  const g = f32(be, dy);
  const v = f32(be, x);
  const r = f32(be, out);
  const a = Math.fround(alpha);
  for (let i = 0, n = r.length; i < n; i++) r[i] = v[i] > 0 ? g[i] : g[i] * a;
  return out;
}

function i32(a: Float32Array): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.length);
}

/**
 * Column sums: x viewed as [rows, cols] → [cols], accumulated in float64 (like
 * the cpu backend). Four rows per pass quarter the dependent adds per column.
 */
export function columnSum(backend: WasmBackendLike, x: tf.TensorInfo, cols: number, outShape: number[]): tf.TensorInfo {
  const out = backend.makeOutput(outShape, 'float32');
  const rows = tf.util.sizeFromShape(x.shape) / cols;
  const k = simd(backend);
  if (k != null && cols % 4 === 0) {
    const scratch = backend.makeOutput([2 * cols], 'float32'); // float64 accumulators
    const a = f32(backend, scratch);
    a.fill(0);
    k.colSum(addr(backend, x), addr(backend, scratch), rows, cols);
    f32(backend, out).set(new Float64Array(a.buffer, a.byteOffset, cols));
    free(backend, scratch);
    return out;
  }
  const v = f32(backend, x);
  const r = f32(backend, out);
  const acc = new Float64Array(cols);
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const p = i * cols;
    for (let c = 0; c < cols; c++) {
      acc[c] += v[p + c] + v[p + cols + c] + (v[p + 2 * cols + c] + v[p + 3 * cols + c]);
    }
  }
  for (; i < rows; i++) {
    for (let c = 0; c < cols; c++) acc[c] += v[i * cols + c];
  }
  r.set(acc);
  return out;
}

/**
 * im2col for the filter gradient: P[(b, oh, ow), (kh, kw, c)] =
 * x[b, oh·sh + kh·dh − pt, ow·sw + kw·dw − pl, c], zero outside x.
 * @param x [B, H, W, Ci]
 * @returns [B·OH·OW, KH·KW·Ci]
 */
export function im2col(
  backend: WasmBackendLike, x: tf.TensorInfo, oh: number, ow: number, kh: number, kw: number,
  sh: number, sw: number, dh: number, dw: number, pt: number, pl: number,
): tf.TensorInfo {
  const [nb, H, W, C] = x.shape;
  const m = kh * kw * C;
  const out = backend.makeOutput([nb * oh * ow, m], 'float32');
  const k = simd(backend);
  if (k != null) {
    k.im2col(addr(backend, x), addr(backend, out), nb, H, W, C, oh, ow, kh, kw, sh, sw, dh, dw, pt, pl);
    return out;
  }
  const s = f32(backend, x);
  const r = f32(backend, out);
  let row = 0;
  for (let n = 0; n < nb; n++) {
    for (let y = 0; y < oh; y++) {
      for (let z = 0; z < ow; z++, row += m) {
        for (let i = 0; i < kh; i++) {
          const h = y * sh + i * dh - pt;
          for (let j = 0; j < kw; j++) {
            const w = z * sw + j * dw - pl;
            const dst = row + (i * kw + j) * C;
            if (h < 0 || h >= H || w < 0 || w >= W) {
              r.fill(0, dst, dst + C);
            } else {
              const src = ((n * H + h) * W + w) * C;
              for (let c = 0; c < C; c++) r[dst + c] = s[src + c];
            }
          }
        }
      }
    }
  }
  return out;
}

/** 2-D transpose of a small matrix: [rows, cols] → outShape (rows·cols elements, cols-major). */
export function transpose2d(backend: WasmBackendLike, t: tf.TensorInfo, rows: number, cols: number, outShape: number[]): tf.TensorInfo {
  const out = backend.makeOutput(outShape, 'float32');
  const s = f32(backend, t);
  const r = f32(backend, out);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) r[j * rows + i] = s[i * cols + j];
  }
  return out;
}
