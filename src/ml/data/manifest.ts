/** Shape of public/data/mnist/manifest.json, written by scripts/prepare-data.ts. */
export interface DataFile {
  /** File name relative to the manifest. */
  name: string;
  /** Compressed size in bytes (what is downloaded). */
  bytes: number;
  /** Size after decompression. */
  rawBytes: number;
  /** Hex SHA-256 of the compressed bytes. */
  sha256: string;
  /**
   * Hex SHA-256 of the decompressed bytes: some static hosts serve gzip files with
   * `Content-Encoding: gzip`, so the browser hands us the raw bytes instead.
   */
  rawSha256: string;
  /** Number of examples in this file. */
  count: number;
}

export interface SplitManifest {
  count: number;
  /** Examples per class 0..9. */
  labelCounts: number[];
  labels: DataFile;
  /** Image shards in order; shard i holds examples [sum of earlier counts, + count). */
  images: DataFile[];
}

export interface MnistManifest {
  format: 'nnlab-mnist-1';
  compression: 'gzip';
  imageShape: [28, 28];
  splits: { train: SplitManifest; test: SplitManifest };
}

export type SplitName = keyof MnistManifest['splits'];

/** Label counts of the original MNIST files; the data script refuses files that differ. */
export const MNIST_LABEL_COUNTS: Record<SplitName, number[]> = {
  train: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
  test: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
};

export const IMAGE_SIZE = 28 * 28;
