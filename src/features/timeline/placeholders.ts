/**
 * ThumbHash placeholders without long tasks. Decoding one (RGBA + PNG data
 * URL, src/lib/thumbhash.ts) costs ~0.2–0.8 ms; a screen of 80 tiles whose
 * page just arrived would block the main thread for 50 ms. Tiles therefore
 * ask for their placeholder here: a decoded one is returned at once, the rest
 * are decoded in slices of a few milliseconds, and a tile that leaves the
 * screen before its turn is dropped from the queue.
 */
import { useCallback, useSyncExternalStore } from "react";
import { thumbHashToAverageRGBA } from "thumbhash";
import { thumbhashDataUrl } from "../../lib/thumbhash";

/** Work per slice; the browser gets the main thread back in between. */
const SLICE_MS = 6;
/** Decoded placeholders kept (the strings are shared with lib/thumbhash's own cache). */
const MAX_ENTRIES = 1500;

const decoded = new Map<string, string | null>();
const waiting = new Map<string, Set<() => void>>();
let scheduled = false;

function remember(hash: string, url: string | null): void {
  decoded.set(hash, url);
  if (decoded.size > MAX_ENTRIES) {
    const oldest = decoded.keys().next().value;
    if (oldest !== undefined) decoded.delete(oldest);
  }
}

const channel = typeof MessageChannel === "undefined" ? null : new MessageChannel();
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  if (channel) channel.port2.postMessage(null);
  else setTimeout(runSlice, 0);
}
if (channel) channel.port1.onmessage = () => runSlice();

function runSlice(): void {
  scheduled = false;
  const deadline = performance.now() + SLICE_MS;
  for (const [hash, listeners] of waiting) {
    if (performance.now() > deadline) break;
    waiting.delete(hash);
    remember(hash, thumbhashDataUrl(hash));
    for (const listener of listeners) listener();
  }
  if (waiting.size > 0) schedule();
}

/** The decoded placeholder if it is ready: a string, null when the hash cannot be decoded, undefined when not yet. */
export function peekPlaceholder(hash: string): string | null | undefined {
  return decoded.get(hash);
}

/** Queues `hash` for decoding and calls `onReady` once it is; the returned function cancels. */
export function watchPlaceholder(hash: string, onReady: () => void): () => void {
  if (decoded.has(hash)) return () => {};
  let listeners = waiting.get(hash);
  if (!listeners) {
    listeners = new Set();
    waiting.set(hash, listeners);
  }
  listeners.add(onReady);
  schedule();
  return () => {
    const current = waiting.get(hash);
    if (!current) return;
    current.delete(onReady);
    if (current.size === 0) waiting.delete(hash);
  };
}

const noop = () => () => {};

/**
 * The placeholder data URL of `hash`: null while it is being decoded, or while
 * `defer` holds (a fling passing by decodes nothing), or when there is none.
 */
export function usePlaceholder(hash: string | null, defer = false): string | null {
  const subscribe = useCallback(
    (onChange: () => void) => (hash && !defer ? watchPlaceholder(hash, onChange) : noop()),
    [hash, defer],
  );
  return useSyncExternalStore(subscribe, () => (hash ? (peekPlaceholder(hash) ?? null) : null));
}

const averages = new Map<string, string | null>();

/** The ThumbHash's average colour as CSS, from its header bytes alone (microseconds; shown until the placeholder is decoded). */
export function averageColor(hash: string): string | null {
  let color = averages.get(hash);
  if (color === undefined) {
    try {
      const binary = atob(hash);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const { r, g, b } = thumbHashToAverageRGBA(bytes);
      color = `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`;
    } catch {
      color = null;
    }
    averages.set(hash, color);
    if (averages.size > MAX_ENTRIES * 2) {
      const oldest = averages.keys().next().value;
      if (oldest !== undefined) averages.delete(oldest);
    }
  }
  return color;
}
