/**
 * TensorFlow's 'same' padding, and how the builder routes around backends that get it wrong.
 *
 * TF's rule along one axis: out = ceil(in / s); total = max((out − 1)·s + eff − in, 0) with
 * eff = (k − 1)·d + 1; before = floor(total / 2), after = total − before. The cpu backend (tfjs'
 * reference) follows it. When the kernel is smaller than the stride, the unclamped total can be
 * negative (in 3, k 2, s 3: (1 − 1)·3 + 2 − 3 = −1), and stock tfjs-backend-wasm 4.22 (XNNPACK's
 * TENSORFLOW_SAME_PADDING flag, which computes that total in unsigned arithmetic) then reads the
 * wrong pixels: a 3×3 stride-4 'same' conv on 28×28 differs from cpu by up to 3.3. Upstream:
 * tensorflow/tfjs#8406 (wasm conv2d inconsistent with webgl/cpu), #6629 (SAME padding with
 * stride 2 in depthwise conv and pools), #5907 (SAME padding when the stride exceeds the input).
 *
 * The builder never hands a backend such a 'same' conv: the clamped padding is spelled out.
 * When the total is ≤ 0 on both axes 'same' and 'valid' compute exactly the same thing (no
 * padding, and ceil((in − eff + 1)/s) = ceil(in/s) then), so the layer is built as 'valid';
 * when only one axis is negative (non-square inputs) a ZeroPadding2D layer adds TF's padding
 * for the other and the conv runs 'valid'. The weights, output shape and numbers are unchanged.
 */
import type { Padding } from './spec';

export interface AxisPadding {
  /** (out − 1)·s + eff − in before clamping: negative in the case the wasm backend gets wrong. */
  raw: number;
  before: number;
  after: number;
}

/** TF's 'same' padding along one axis. */
export function tfSamePadding(input: number, kernel: number, stride: number, dilation = 1): AxisPadding {
  const eff = (kernel - 1) * dilation + 1;
  const out = Math.ceil(input / stride);
  const raw = (out - 1) * stride + eff - input;
  const total = Math.max(raw, 0);
  const before = Math.floor(total / 2);
  return { raw, before, after: total - before };
}

export interface ConvPlan {
  /** The padding the tf layer is built with. */
  padding: Padding;
  /** Explicit [[top, bottom], [left, right]] zero padding in front of a 'valid' conv, if any. */
  zeroPad?: [[number, number], [number, number]];
}

/**
 * How to build a conv over an h×w input so that every backend computes TF's result:
 * 'valid' stays 'valid'; 'same' stays 'same' unless its total padding is negative on an axis.
 */
export function planConvPadding(h: number, w: number, kernel: number, stride: number, dilation: number, padding: Padding): ConvPlan {
  if (padding === 'valid') return { padding };
  const ph = tfSamePadding(h, kernel, stride, dilation);
  const pw = tfSamePadding(w, kernel, stride, dilation);
  if (ph.raw >= 0 && pw.raw >= 0) return { padding };
  if (ph.raw <= 0 && pw.raw <= 0) return { padding: 'valid' };
  return { padding: 'valid', zeroPad: [[ph.before, ph.after], [pw.before, pw.after]] };
}
