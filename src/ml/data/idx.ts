/**
 * IDX is the file format MNIST was published in: a big-endian header
 * (two zero bytes, a type code, the number of dimensions, then one uint32 per dimension)
 * followed by the raw data. MNIST uses type 0x08 (unsigned byte) only.
 */
export interface IdxArray {
  /** e.g. [60000, 28, 28] for images, [60000] for labels. */
  shape: number[];
  data: Uint8Array;
}

export class IdxError extends Error {}

/** Magic numbers: 0x00000801 = 2049 (1-D labels), 0x00000803 = 2051 (3-D images). */
export const IDX_LABELS_MAGIC = 2049;
export const IDX_IMAGES_MAGIC = 2051;

/** Decodes an IDX unsigned-byte file. Throws IdxError with a precise reason on bad input. */
export function decodeIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 8) throw new IdxError(`file too short (${bytes.length} bytes) for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0) throw new IdxError('bad magic number: the first two bytes must be zero');
  const type = view.getUint8(2);
  if (type !== 0x08) throw new IdxError(`unsupported IDX data type 0x${type.toString(16)} (only 0x08, unsigned byte)`);
  const ndim = view.getUint8(3);
  if (ndim < 1 || ndim > 4) throw new IdxError(`unsupported number of dimensions: ${ndim}`);
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) throw new IdxError('file too short for its dimension list');
  const shape: number[] = [];
  for (let i = 0; i < ndim; i++) shape.push(view.getUint32(4 + 4 * i));
  const expected = shape.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerBytes;
  if (actual !== expected) {
    throw new IdxError(`header promises ${expected} bytes of data (shape ${shape.join('×')}) but the file holds ${actual}`);
  }
  return { shape, data: bytes.subarray(headerBytes) };
}

/** The magic number as a single uint32 (2049 for labels, 2051 for images). */
export function idxMagic(bytes: Uint8Array): number {
  if (bytes.length < 4) throw new IdxError('file too short for a magic number');
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
}

/** Encodes an unsigned-byte array as IDX (used by tests and tools). */
export function encodeIdx(shape: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint8(2, 0x08);
  view.setUint8(3, shape.length);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * shape.length);
  return out;
}
