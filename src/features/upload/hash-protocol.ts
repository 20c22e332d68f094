/** Messages between the hash pool (page) and a hash worker. One job per worker at a time. */

export type HashRequest =
  /** `chunkBytes`: read size (default HASH_CHUNK_BYTES); the benchmark compares sizes. */
  { type: "hash"; jobId: number; file: Blob; chunkBytes?: number } | { type: "cancel"; jobId: number };

export type HashReply =
  | { type: "progress"; jobId: number; bytes: number }
  | { type: "done"; jobId: number; checksum: string }
  | { type: "error"; jobId: number; name: string; message: string };
