import * as tf from '@tensorflow/tfjs';

/**
 * Tensors packed into one ArrayBuffer (4 bytes per element) with their names, shapes and
 * dtypes. It is structurally the protocol's SerializedWeights, so it can be posted to the
 * main thread as a transferable, and it lives in plain memory, so it survives a GPU backend
 * that has just died.
 */
export interface PackedTensors {
  specs: { name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' }[];
  data: ArrayBuffer;
}

function sizeOf(shape: number[]) {
  return shape.reduce((a, b) => a * b, 1);
}

/** Reads tensors asynchronously (no dataSync) and packs them. */
export async function packTensors(named: { name: string; tensor: tf.Tensor }[]): Promise<PackedTensors> {
  const values = await Promise.all(named.map((n) => n.tensor.data()));
  const total = named.reduce((a, n) => a + n.tensor.size, 0);
  const data = new ArrayBuffer(total * 4);
  const f32 = new Float32Array(data);
  const i32 = new Int32Array(data);
  let offset = 0;
  const specs = named.map((n, i) => {
    const dtype = n.tensor.dtype as PackedTensors['specs'][number]['dtype'];
    if (dtype === 'float32') f32.set(values[i] as Float32Array, offset);
    else i32.set(values[i] as ArrayLike<number>, offset);
    offset += n.tensor.size;
    return { name: n.name, shape: n.tensor.shape.slice(), dtype };
  });
  return { specs, data };
}

/** Creates fresh tensors from a pack (the caller owns and disposes them). */
export function unpackTensors(packed: PackedTensors): { name: string; tensor: tf.Tensor }[] {
  let offset = 0;
  return packed.specs.map((s) => {
    const n = sizeOf(s.shape);
    const tensor =
      s.dtype === 'float32'
        ? tf.tensor(new Float32Array(packed.data, offset * 4, n).slice(), s.shape, 'float32')
        : tf.tensor(new Int32Array(packed.data, offset * 4, n).slice(), s.shape, s.dtype);
    offset += n;
    return { name: s.name, tensor };
  });
}

/** All of a model's weights (trainable and not, e.g. batch-norm moving statistics), packed. */
export function packModelWeights(model: tf.LayersModel): Promise<PackedTensors> {
  return packTensors(model.weights.map((w) => ({ name: w.originalName, tensor: w.read() })));
}

/**
 * Loads packed weights into a model built from the same spec. Throws when the count or a
 * shape differs (e.g. weights saved from another architecture).
 */
export function loadModelWeights(model: tf.LayersModel, packed: PackedTensors): void {
  const weights = model.weights;
  if (packed.specs.length !== weights.length) {
    throw new Error(`expected ${weights.length} weight tensors, got ${packed.specs.length}`);
  }
  packed.specs.forEach((s, i) => {
    const want = weights[i].shape;
    if (s.shape.length !== want.length || s.shape.some((d, j) => d !== want[j])) {
      throw new Error(`weight ${i} (${weights[i].originalName}): shape [${s.shape}] ≠ [${want}]`);
    }
  });
  const tensors = unpackTensors(packed);
  try {
    weights.forEach((w, i) => w.write(tensors[i].tensor));
  } finally {
    tensors.forEach((t) => t.tensor.dispose());
  }
}

/**
 * The optimizer's state (iteration count, moments, accumulators), packed. tfjs's
 * getWeights() returns the live variables plus a fresh 'iter' scalar, which we dispose.
 */
export async function packOptimizerState(opt: tf.Optimizer): Promise<PackedTensors> {
  const named = await opt.getWeights();
  try {
    return await packTensors(named);
  } finally {
    for (const n of named) if (n.name === 'iter') n.tensor.dispose();
  }
}

/** Restores an optimizer's state (built for the same variables in the same order). */
export async function loadOptimizerState(opt: tf.Optimizer, packed: PackedTensors): Promise<void> {
  const named = unpackTensors(packed);
  try {
    // An optimizer that has not stepped yet has only the 'iter' entry.
    await opt.setWeights(named);
  } finally {
    named.forEach((n) => n.tensor.dispose());
  }
}
