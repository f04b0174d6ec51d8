/**
 * Conv2D backprop on the wasm backend, written as *forward* convolutions so that
 * XNNPACK's fast convolution does the arithmetic.
 *
 * Notation (NHWC, HWIO): x [B, H, W, Ci], filter W [KH, KW, Ci, Co],
 * dy [B, OH, OW, Co], stride s, dilation d, top/left padding pt/pl. Forward:
 *
 *   y[b, oh, ow, o] = Σ_{kh, kw, c} x[b, oh·s + kh·d − pt, ow·s + kw·d − pl, c] · W[kh, kw, c, o]
 *
 * Only one axis (rows) is spelled out below; columns are identical.
 */
import * as tf from '@tensorflow/tfjs';
import { addr, callKernel, f32, free, pair, simd, type KernelArgs, type WasmBackendLike } from './wasmHeap';
import { cropToHWIO, flipSwapFilter, im2col, spreadDy, transpose2d } from './wasmJsKernels';

type Pad = tf.Conv2DBackpropInputAttrs['pad'];
type Rounding = tf.Conv2DBackpropInputAttrs['dimRoundingMode'];

/** Largest im2col-sized temporary (floats) the GEMM paths may allocate (16 MB). */
const MAX_COLS_ELEMENTS = 1 << 22;

export interface ConvGeometry {
  strides: number | [number, number];
  dilations: number | [number, number];
  pad: Pad;
  dimRoundingMode?: Rounding;
}

/**
 * dL/dx of a 2-D convolution.
 *
 * Why a forward conv works: collecting, for one input row h, every (oh, kh)
 * with oh·s + kh·d − pt = h gives dx[h] = Σ_kh U[h + pt − kh·d] · W[kh], where U
 * is dy with s−1 zeros inserted between rows (U[oh·s] = dy[oh]). Substituting
 * kh = KH−1−k turns the minus sign into a plus:
 *
 *   dx[h] = Σ_k U[h + (pt − (KH−1)·d) + k·d] · W[KH−1−k]
 *
 * which is a stride-1 forward convolution of U, padded on top by
 * P = (KH−1)·d − pt, with the spatially flipped filter and dilation d. The
 * contraction runs over Co, so the filter's in/out channels swap: the new filter
 * is [KH, KW, Co, Ci]. For stride 1 U = dy and XNNPACK applies the padding
 * itself; otherwise we spread dy into a zero buffer first.
 *
 * For strides > 1 (and Ci a multiple of 4) the inserted zeros would make that
 * conv do s² times the necessary work, so we use the same sum as a GEMM plus a
 * scatter-add instead: dcol = dy · Wᵀ gives, per output pixel, every tap's
 * contribution dy[oh]·W[kh], and col2im adds it to dx[oh·s + kh·d − pt]. (For
 * stride 1 the padded conv measured faster than GEMM + col2im: the GEMM's
 * large output costs more memory traffic than the padding's zero products.)
 *
 * @param dy [B, OH, OW, Co]
 * @param filter [KH, KW, Ci, Co]
 * @param inShape [B, H, W, Ci]
 * @returns dx [B, H, W, Ci]
 */
export function conv2dBackpropInputWasm(
  backend: WasmBackendLike,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  inShape: [number, number, number, number],
  g: ConvGeometry,
): tf.TensorInfo {
  const filterShape = filter.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(inShape, filterShape, g.strides, g.dilations, g.pad, g.dimRoundingMode);
  const [, H, W] = inShape;
  const [, OH, OW] = dy.shape;
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [eh, ew] = [info.effectiveFilterHeight, info.effectiveFilterWidth];
  // Padding of U so that a 'valid' conv with the effective filter yields H rows.
  const top = eh - 1 - info.padInfo.top;
  const left = ew - 1 - info.padInfo.left;
  const bottom = H + eh - 1 - top - OH;
  const right = W + ew - 1 - left - OW;
  const [B, , , co] = dy.shape;
  const [kh, kw, ci] = filterShape;
  const rows = B * OH * OW;
  const k = simd(backend);
  if (k != null && (sh > 1 || sw > 1) && ci % 4 === 0 && rows * kh * kw * ci <= MAX_COLS_ELEMENTS) {
    // GEMM + col2im: dcol [B·OH·OW, KH·KW·Ci] = dy [B·OH·OW, Co] · Wᵀ [Co, KH·KW·Ci].
    const t = kh * kw * ci;
    const wT = callKernel(backend, 'Transpose', { x: { ...filter, shape: [t, co] } }, { perm: [1, 0] });
    const dcol = callKernel(backend, 'BatchMatMul', { a: { ...dy, shape: [rows, co] }, b: wT },
      { transposeA: false, transposeB: false });
    free(backend, wT);
    const dx = backend.makeOutput(inShape, 'float32');
    f32(backend, dx).fill(0);
    k.col2im(addr(backend, dx), addr(backend, dcol), B, H, W, ci, OH, OW, kh, kw, sh, sw,
      info.dilationHeight, info.dilationWidth, info.padInfo.top, info.padInfo.left);
    free(backend, dcol);
    return dx;
  }
  const flipped = flipSwapFilter(backend, filter);
  const convAttrs = { strides: [1, 1], dilations: [info.dilationHeight, info.dilationWidth], dataFormat: 'NHWC' };
  let dx: tf.TensorInfo;
  if (sh === 1 && sw === 1 && top >= 0 && left >= 0 && bottom >= 0 && right >= 0) {
    const pad = [[0, 0], [top, bottom], [left, right], [0, 0]];
    dx = callKernel(backend, 'Conv2D', { x: dy, filter: flipped }, { ...convAttrs, pad });
  } else {
    const u = spreadDy(backend, dy, H + eh - 1, W + ew - 1, top, left, sh, sw);
    dx = callKernel(backend, 'Conv2D', { x: u, filter: flipped }, { ...convAttrs, pad: 'valid' });
    free(backend, u);
  }
  free(backend, flipped);
  return dx;
}

/**
 * dL/dW of a 2-D convolution.
 *
 * Why a forward conv of transposed tensors works:
 *
 *   dW[kh, c, o] = Σ_{b, oh} x[b, kh·d + oh·s − pt, c] · dy[b, oh, o]
 *
 * Read kh as an *output* position, oh as a *filter tap* and b as the channel
 * being contracted. Transpose x to X' [Ci, H, W, B] (Ci becomes the batch, B the
 * channels) and dy to F' [OH, OW, B, Co] (an OH×OW filter from B to Co channels):
 *
 *   dW'[c, kh, o] = Σ_{oh, b} X'[c, kh·d + oh·s − pt, b] · F'[oh, b, o]
 *
 * a forward conv with stride d and dilation s (the roles swap), whose output
 * [Ci, KH, KW, Co] we crop (strided convs can leave extra rows) and transpose
 * to [KH, KW, Ci, Co].
 *
 * That conv is the general route. Its cost beyond the arithmetic: XNNPACK
 * re-packs a conv's filter whenever the filter tensor is new, and here the
 * "filter" is dy, new every step (~4 ns/element). So two cheaper routes are
 * tried first, both for filters with few taps T = KH·KW·Ci:
 * 1. T ≤ 32 and Co a multiple of 16 (e.g. 3×3 on 1-channel images): a direct
 *    SIMD loop (wasmSimdConv.ts) that reads x and dy once and packs nothing.
 * 2. T < Co: dWᵀ [Co, T] = dyᵀ [Co, B·OH·OW] · P [B·OH·OW, T], a matmul whose
 *    packed operand is the im2col matrix P, smaller than dy.
 *
 * @param x [B, H, W, Ci]
 * @param dy [B, OH, OW, Co]
 * @param filterShape [KH, KW, Ci, Co]
 * @returns dW [KH, KW, Ci, Co]
 */
export function conv2dBackpropFilterWasm(
  backend: WasmBackendLike,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  filterShape: [number, number, number, number],
  g: ConvGeometry,
): tf.TensorInfo {
  const xShape = x.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, g.strides, g.dilations, g.pad, g.dimRoundingMode);
  const [, H, W] = xShape;
  const [, OH, OW] = dy.shape;
  const [kh, kw] = filterShape;
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [dh, dw] = [info.dilationHeight, info.dilationWidth];
  const [pt, pl] = [info.padInfo.top, info.padInfo.left];
  // Extend the bottom/right padding only as far as the last tap needs.
  const pb = Math.max(0, (kh - 1) * dh + (OH - 1) * sh + 1 - H - pt);
  const pr = Math.max(0, (kw - 1) * dw + (OW - 1) * sw + 1 - W - pl);
  const ci = xShape[3];
  const co = filterShape[3];
  const k = simd(backend);
  if (k != null && kh * kw * ci <= 32 && co % 16 === 0) {
    const dW = backend.makeOutput(filterShape, 'float32');
    f32(backend, dW).fill(0);
    k.filterGradSmall(addr(backend, x), addr(backend, dy), addr(backend, dW), xShape[0], H, W, ci, OH, OW, kh, kw,
      sh, sw, dh, dw, pt, pl, co);
    return dW;
  }
  if (kh * kw * ci < co) {
    const rows = dy.shape[0] * OH * OW;
    const t = kh * kw * ci;
    const dyT = callKernel(backend, 'Transpose', { x: dy }, { perm: [3, 0, 1, 2] });
    const p = im2col(backend, x, OH, OW, kh, kw, sh, sw, dh, dw, pt, pl);
    const prod = callKernel(backend, 'BatchMatMul', { a: { ...dyT, shape: [co, rows] }, b: p },
      { transposeA: false, transposeB: false });
    free(backend, dyT, p);
    const dW = transpose2d(backend, prod, co, t, filterShape);
    free(backend, prod);
    return dW;
  }
  const xT = callKernel(backend, 'Transpose', { x }, { perm: [3, 1, 2, 0] });
  const dyT = callKernel(backend, 'Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  const full = callKernel(backend, 'Conv2D', { x: xT, filter: dyT }, {
    strides: [dh, dw],
    dilations: [sh, sw],
    pad: [[0, 0], [pt, pb], [pl, pr], [0, 0]],
    dataFormat: 'NHWC',
  });
  free(backend, xT, dyT);
  const dW = cropToHWIO(backend, full, kh, kw);
  free(backend, full);
  return dW;
}

function assertNHWC(dataFormat: unknown, who: string): void {
  if (dataFormat != null && dataFormat !== 'NHWC') {
    throw new Error(`${who} on wasm supports only NHWC, got ${String(dataFormat)}`);
  }
}

/**
 * Kernel `Conv2DBackpropInput` for wasm (replaces the stock one, which is ~8×
 * slower). Accepts an optional `dilations` attr, which our Conv2D gradient passes.
 */
export function conv2dBackpropInputKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const a = attrs as unknown as tf.Conv2DBackpropInputAttrs & { dilations?: number | [number, number] };
  assertNHWC(a.dataFormat, 'Conv2DBackpropInput');
  return conv2dBackpropInputWasm(backend as WasmBackendLike, inputs.dy, inputs.filter, a.inputShape, {
    strides: a.strides, dilations: pair(a.dilations), pad: a.pad, dimRoundingMode: a.dimRoundingMode,
  });
}

/**
 * Kernel `Conv2DBackpropFilter` for wasm (missing from tfjs-backend-wasm 4.22).
 * Accepts an optional `dilations` attr, which our Conv2D gradient passes.
 */
export function conv2dBackpropFilterKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] };
  assertNHWC(a.dataFormat, 'Conv2DBackpropFilter');
  return conv2dBackpropFilterWasm(backend as WasmBackendLike, inputs.x, inputs.dy, a.filterShape, {
    strides: a.strides, dilations: pair(a.dilations), pad: a.pad, dimRoundingMode: a.dimRoundingMode,
  });
}
