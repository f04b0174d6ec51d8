/**
 * The convolution layer the builder uses: tfjs's Conv2D (same weights, names, config, class
 * name and shapes) with a `call` that routes around two problems the cross-backend sweep
 * (sweep.test.ts) found in configurations the spec accepts:
 *
 * 1. 'same' padding whose TF total is negative (kernel smaller than the stride, e.g. 28×28,
 *    3×3, stride 4): stock tfjs-backend-wasm computes it wrongly (tensorflow/tfjs#8406,
 *    #6629, #5907). The padding is spelled out instead (planConvPadding in convPadding.ts).
 * 2. dilation > 1 with an activation tfjs fuses as 'linear' while recording gradients (linear,
 *    sigmoid, tanh, softmax, leakyRelu): tf.fused.conv2d's own gradient throws "dilation rates
 *    greater than 1 are not yet supported in gradients" on every backend. A plain tf.conv2d +
 *    bias + activation runs instead; its gradient is the Conv2D gradient installFastGradients
 *    registers (dilation-aware on every backend; activateBackend always installs it).
 *    Still open: tfjs-backend-webgpu computes some dilated convs wrongly (e2e/backend-sweep.spec.ts).
 *
 * Every other configuration calls tfjs's own Conv2D.call unchanged (fused conv + bias + activation).
 */
import * as tf from '@tensorflow/tfjs';
import { planConvPadding } from './convPadding';
import type { Padding } from './spec';

type ConvArgs = Parameters<typeof tf.layers.conv2d>[0];
type Conv2DLayer = ReturnType<typeof tf.layers.conv2d>;

/** The fields of tfjs's Conv layer that `call` reads (protected in its typings). */
interface ConvInternals {
  kernelSize: number[];
  strides: number[];
  dilationRate: number[];
  padding: string;
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  activation: { apply(x: tf.Tensor): tf.Tensor };
}

// tfjs-layers does not export the Conv2D class itself; take it from an instance.
const Conv2DBase = Object.getPrototypeOf(tf.layers.conv2d({ filters: 1, kernelSize: 1, name: 'nnlab_conv2d_probe' }))
  .constructor as new (args: ConvArgs) => Conv2DLayer;

export class SpecConv2D extends Conv2DBase {
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const self = this as unknown as ConvInternals;
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    const [k, s, d] = [self.kernelSize[0], self.strides[0], self.dilationRate[0]];
    const plan = planConvPadding(x.shape[1], x.shape[2], k, s, d, self.padding as Padding);
    if (plan.padding === self.padding && d === 1) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const padded = plan.zeroPad ? tf.pad(x, [[0, 0], plan.zeroPad[0], plan.zeroPad[1], [0, 0]]) : x;
      let y: tf.Tensor = tf.conv2d(padded, self.kernel.read() as tf.Tensor4D, s, plan.padding, 'NHWC', d);
      if (self.bias) y = tf.add(y, self.bias.read());
      return self.activation.apply(y);
    });
  }
}

