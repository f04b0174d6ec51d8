import { IMAGE_SIZE, type DataFile, type MnistManifest, type SplitName } from './manifest';

/** The decoded pixels (uint8, row-major 28×28 per image) and labels of one split or subset. */
export interface MnistData {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Stores verified, decompressed files so a second visit downloads nothing. */
export interface BytesCache {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
}

export type DataErrorCode = 'network' | 'manifest' | 'checksum' | 'decompress' | 'shape' | 'aborted';

/** A load failure with a code the UI turns into a message in the reader's language. */
export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface LoadOptions {
  /** URL of the folder holding manifest.json. */
  baseUrl: string;
  fetchFn?: typeof fetch;
  cache?: BytesCache;
  /** Called with bytes received so far and bytes expected (compressed, cache hits count as received). */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

function join(base: string, name: string) {
  return base.endsWith('/') ? base + name : `${base}/${name}`;
}

export async function loadManifest(opts: LoadOptions): Promise<MnistManifest> {
  const fetchFn = opts.fetchFn ?? fetch;
  let res: Response;
  try {
    res = await fetchFn(join(opts.baseUrl, 'manifest.json'), { signal: opts.signal, cache: 'no-cache' });
  } catch (e) {
    throw new DataError('network', String(e));
  }
  if (!res.ok) throw new DataError('network', `manifest.json: HTTP ${res.status}`);
  let m: MnistManifest;
  try {
    m = (await res.json()) as MnistManifest;
  } catch {
    throw new DataError('manifest', 'manifest.json is not valid JSON');
  }
  if (m?.format !== 'nnlab-mnist-1' || !m.splits?.train || !m.splits?.test) {
    throw new DataError('manifest', 'manifest.json has an unknown format');
  }
  return m;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Downloads one file, reporting progress as chunks arrive; refuses more than `max` bytes. */
async function download(url: string, max: number, opts: LoadOptions, onChunk: (n: number) => void) {
  const fetchFn = opts.fetchFn ?? fetch;
  let res: Response;
  try {
    res = await fetchFn(url, { signal: opts.signal });
  } catch (e) {
    if (opts.signal?.aborted) throw new DataError('aborted', url);
    throw new DataError('network', `${url}: ${String(e)}`);
  }
  if (!res.ok || !res.body) throw new DataError('network', `${url}: HTTP ${res.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) throw new DataError('checksum', `${url}: larger than the manifest says`);
    chunks.push(value);
    onChunk(value.length);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Fetches (or takes from the cache), verifies and decompresses one file of the manifest. */
async function loadFile(file: DataFile, expectedRaw: number, opts: LoadOptions, onChunk: (n: number) => void) {
  const key = `mnist:${file.sha256}`;
  const cached = await opts.cache?.get(key).catch(() => undefined);
  if (cached && cached.length === expectedRaw) {
    onChunk(file.bytes);
    return cached;
  }
  let seen = 0;
  const body = await download(join(opts.baseUrl, file.name), Math.max(file.bytes, file.rawBytes), opts, (n) => {
    // Progress is in compressed bytes; a host that decodes for us sends more, so cap it.
    const step = Math.max(0, Math.min(n, file.bytes - seen));
    seen += n;
    if (step) onChunk(step);
  });
  if (seen < file.bytes) onChunk(file.bytes - seen);
  let raw: Uint8Array;
  if (body.length === file.bytes && (await sha256Hex(body)) === file.sha256) {
    try {
      raw = await gunzip(body);
    } catch (e) {
      throw new DataError('decompress', `${file.name}: ${String(e)}`);
    }
  } else if (body.length === file.rawBytes && (await sha256Hex(body)) === file.rawSha256) {
    raw = body; // the host sent it with Content-Encoding: gzip and the browser already decoded it
  } else {
    throw new DataError('checksum', `${file.name}: SHA-256 mismatch (${body.length} bytes)`);
  }
  if (raw.length !== expectedRaw || raw.length !== file.rawBytes) {
    throw new DataError('shape', `${file.name}: ${raw.length} bytes, expected ${expectedRaw}`);
  }
  // A cache that fails (private mode, quota) only costs a re-download next time.
  await opts.cache?.set(key, raw).catch(() => undefined);
  return raw;
}

/**
 * Loads a split, or its first `limit` examples (whole shards are fetched, then trimmed).
 * Returns images as uint8 [count × 784] and labels [count].
 */
export async function loadSplit(
  manifest: MnistManifest,
  split: SplitName,
  opts: LoadOptions & { limit?: number },
): Promise<MnistData> {
  const s = manifest.splits[split];
  const count = Math.min(opts.limit ?? s.count, s.count);
  const shards: DataFile[] = [];
  for (let n = 0, i = 0; n < count && i < s.images.length; i++) {
    shards.push(s.images[i]);
    n += s.images[i].count;
  }
  const total = s.labels.bytes + shards.reduce((a, f) => a + f.bytes, 0);
  let loaded = 0;
  const onChunk = (n: number) => {
    loaded += n;
    opts.onProgress?.(loaded, total);
  };
  opts.onProgress?.(0, total);
  const labelsAll = await loadFile(s.labels, s.count, opts, onChunk);
  const images = new Uint8Array(count * IMAGE_SIZE);
  let offset = 0;
  for (const f of shards) {
    const raw = await loadFile(f, f.count * IMAGE_SIZE, opts, onChunk);
    const take = Math.min(raw.length, images.length - offset);
    images.set(raw.subarray(0, take), offset);
    offset += take;
  }
  return { images, labels: labelsAll.slice(0, count), count };
}
