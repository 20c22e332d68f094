/**
 * Streaming SHA-256 of a Blob: the bytes are read in fixed-size slices and fed
 * to an incremental hasher, so a 4 GB file costs two chunks of memory, never
 * its size. The next slice is read while the current one is hashed.
 *
 * WebCrypto's `digest` only hashes a whole buffer, so the hasher is hash-wasm's
 * SHA-256 (WebAssembly, ~2× a pure-JS SHA-256). Compiling WebAssembly needs
 * `'wasm-unsafe-eval'` in a Content-Security-Policy's `script-src`.
 *
 * Pure and DOM-free: the worker (hash-worker.ts) is a thin wrapper and the
 * unit tests run this in Node.
 */
import { createSHA256, type IHasher } from "hash-wasm";

/**
 * Read size. In Chromium, 2–16 MB hash at the same speed (~120–180 MB/s on the
 * test machine, within its noise); 4 MB left the least garbage in the tab
 * (+~105 MB peak, against ~130 MB at 8 and 16 MB) — bench/upload-bench.ts.
 */
export const HASH_CHUNK_BYTES = 4 * 1024 * 1024;

export interface HashOptions {
  chunkBytes?: number;
  /** Called after each chunk with the bytes hashed so far. */
  onProgress?: (bytesHashed: number) => void;
  /** Checked between chunks; when it returns true the hash stops with an AbortError. */
  isCancelled?: () => boolean;
}

/**
 * Hashers not in use. hash-wasm compiles its WebAssembly module once; a hasher
 * is reused (`init()` resets it), and a second one is made only if two hashes
 * run at once on the same thread (a worker runs one at a time).
 */
const idle: IHasher[] = [];

/** Standard, padded base64 (the server's `checksum` format, §3.7). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function abortError(): DOMException {
  return new DOMException("Hashing was cancelled.", "AbortError");
}

/** Base64 SHA-256 of `blob`, read slice by slice. */
export async function sha256Blob(blob: Blob, options: HashOptions = {}): Promise<string> {
  const h = idle.pop() ?? (await createSHA256());
  try {
    return await hashWith(h, blob, options);
  } finally {
    idle.push(h);
  }
}

async function hashWith(h: IHasher, blob: Blob, options: HashOptions): Promise<string> {
  const { chunkBytes = HASH_CHUNK_BYTES, onProgress, isCancelled } = options;
  h.init();
  const read = (offset: number) => blob.slice(offset, Math.min(blob.size, offset + chunkBytes)).arrayBuffer();
  let offset = 0;
  let next: Promise<ArrayBuffer> | null = blob.size > 0 ? read(0) : null;
  while (next) {
    const chunk = await next;
    if (isCancelled?.()) throw abortError();
    offset += chunk.byteLength;
    // Start reading the next slice before hashing this one: disk and CPU overlap.
    next = offset < blob.size ? read(offset) : null;
    h.update(new Uint8Array(chunk));
    onProgress?.(offset);
  }
  return toBase64(h.digest("binary"));
}
