import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError, loadManifest, loadSplit, type BytesCache } from './loader';
import type { DataFile, MnistManifest } from './manifest';

/** A tiny fake dataset (784-pixel images in small shards) served from memory. */
function fakeSite(opts: { corrupt?: string; decodeGzip?: boolean } = {}) {
  const files = new Map<string, Uint8Array>();
  const file = (name: string, raw: Uint8Array, count: number): DataFile => {
    const gz = new Uint8Array(gzipSync(raw));
    files.set(name, opts.decodeGzip ? raw : gz);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    return { name, bytes: gz.length, rawBytes: raw.length, sha256: sha(gz), rawSha256: sha(raw), count };
  };
  const img = (n: number, v: number) => new Uint8Array(n * 784).fill(v);
  const split = (prefix: string, counts: number[]) => {
    const total = counts.reduce((a, b) => a + b, 0);
    return {
      count: total,
      labelCounts: [],
      labels: file(`${prefix}-labels`, Uint8Array.from({ length: total }, (_, i) => i % 10), total),
      images: counts.map((c, i) => file(`${prefix}-images-${i}`, img(c, i + 1), c)),
    };
  };
  const manifest: MnistManifest = {
    format: 'nnlab-mnist-1',
    compression: 'gzip',
    imageShape: [28, 28],
    splits: { train: split('train', [2, 2, 1]), test: split('test', [3]) },
  };
  if (opts.corrupt) {
    const f = files.get(opts.corrupt)!;
    f[f.length - 5] ^= 0xff;
  }
  let requests = 0;
  const fetchFn = (async (url: string) => {
    requests++;
    const name = String(url).split('/').pop()!;
    if (name === 'manifest.json') return new Response(JSON.stringify(manifest));
    const body = files.get(name);
    return body ? new Response(body as Uint8Array<ArrayBuffer>) : new Response('missing', { status: 404 });
  }) as typeof fetch;
  return { fetchFn, manifest, requests: () => requests };
}

const memoryCache = (): BytesCache & { size(): number } => {
  const m = new Map<string, Uint8Array>();
  return { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v), size: () => m.size };
};

describe('MNIST loader', () => {
  it('loads, verifies and concatenates shards, reporting progress', async () => {
    const site = fakeSite();
    const progress: number[] = [];
    const m = await loadManifest({ baseUrl: '/data', fetchFn: site.fetchFn });
    const d = await loadSplit(m, 'train', { baseUrl: '/data', fetchFn: site.fetchFn, onProgress: (l, t) => progress.push(l / t) });
    expect(d.count).toBe(5);
    expect(d.images.length).toBe(5 * 784);
    expect([d.images[0], d.images[2 * 784], d.images[4 * 784]]).toEqual([1, 2, 3]);
    expect(Array.from(d.labels)).toEqual([0, 1, 2, 3, 4]);
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('fetches only the shards a subset needs', async () => {
    const site = fakeSite();
    const d = await loadSplit(site.manifest, 'train', { baseUrl: '/d', fetchFn: site.fetchFn, limit: 3 });
    expect(d.count).toBe(3);
    expect(site.requests()).toBe(3); // labels + 2 shards
  });

  it('downloads nothing the second time when a cache is given', async () => {
    const site = fakeSite();
    const cache = memoryCache();
    await loadSplit(site.manifest, 'test', { baseUrl: '/d', fetchFn: site.fetchFn, cache });
    const before = site.requests();
    const again = await loadSplit(site.manifest, 'test', { baseUrl: '/d', fetchFn: site.fetchFn, cache });
    expect(site.requests()).toBe(before);
    expect(again.count).toBe(3);
    expect(cache.size()).toBe(2);
  });

  it('accepts files a host already decoded (Content-Encoding: gzip), checked by their raw SHA-256', async () => {
    const site = fakeSite({ decodeGzip: true });
    const d = await loadSplit(site.manifest, 'train', { baseUrl: '/d', fetchFn: site.fetchFn });
    expect(d.images[4 * 784]).toBe(3);
    const bad = fakeSite({ decodeGzip: true, corrupt: 'train-images-1' });
    await expect(loadSplit(bad.manifest, 'train', { baseUrl: '/d', fetchFn: bad.fetchFn })).rejects.toMatchObject({ code: 'checksum' });
  });

  it('rejects a corrupted file with a checksum error', async () => {
    const site = fakeSite({ corrupt: 'test-images-0' });
    await expect(loadSplit(site.manifest, 'test', { baseUrl: '/d', fetchFn: site.fetchFn })).rejects.toMatchObject({ code: 'checksum' });
  });

  it('reports network failures and bad manifests as DataErrors', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(loadManifest({ baseUrl: '/d', fetchFn: down })).rejects.toBeInstanceOf(DataError);
    const junk = (async () => new Response('{"format":"other"}')) as typeof fetch;
    await expect(loadManifest({ baseUrl: '/d', fetchFn: junk })).rejects.toMatchObject({ code: 'manifest' });
    const missing = fakeSite();
    const m = structuredClone(missing.manifest);
    m.splits.test.images[0].name = 'nope';
    await expect(loadSplit(m, 'test', { baseUrl: '/d', fetchFn: missing.fetchFn })).rejects.toMatchObject({ code: 'network' });
  });
});
