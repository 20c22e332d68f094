import { thumbHashToDataURL } from "thumbhash";

/**
 * Decoded ThumbHash placeholders, most recently used last. Each entry is a
 * small uncompressed PNG data URL (a few KB), so the cache is bounded: a big
 * library scrolled end to end must not keep every placeholder alive.
 */
const cache = new Map<string, string | null>();
const MAX_ENTRIES = 2000;

/** A data URL rendering of a base64 ThumbHash, or null when it cannot be decoded. */
export function thumbhashDataUrl(hash: string): string | null {
  const hit = cache.get(hash);
  if (hit !== undefined) {
    cache.delete(hash);
    cache.set(hash, hit);
    return hit;
  }
  let url: string | null = null;
  try {
    const binary = atob(hash);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    url = thumbHashToDataURL(bytes);
  } catch {
    url = null;
  }
  cache.set(hash, url);
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return url;
}
