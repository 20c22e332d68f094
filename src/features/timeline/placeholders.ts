/**
 * ThumbHash placeholders without long tasks. Decoding one (RGBA + PNG data
 * URL, src/lib/thumbhash.ts) costs ~0.2–0.8 ms; a screen of 80 tiles whose
 * page just arrived is 15–60 ms of work. Tiles therefore ask for their
 * placeholder here: a decoded one is returned at once, the rest are decoded
 * in a Web Worker (placeholder-worker.ts). Until the worker has started, or
 * where it cannot run, they are decoded on the main thread in slices of a few
 * milliseconds. A tile that leaves the screen before its turn is dropped from
 * the queue.
 *
 * Showing a placeholder has a cost of its own: the browser loads each data
 * URL while it recalculates style (~0.3 ms each here), so eighty at once made
 * one frame of 25 ms. Decoded placeholders are therefore handed to their
 * tiles at most PER_FRAME per animation frame, in the order they were asked
 * for (top to bottom).
 */
import { useEffect, useReducer } from "react";
import { thumbHashToAverageRGBA } from "thumbhash";
import { createFrameQueue } from "../../lib/frame-queue";
import { thumbhashDataUrl } from "../../lib/thumbhash";
import type { PlaceholderReply, PlaceholderRequest } from "./placeholder-protocol";

/** Main-thread fallback: work per slice; the browser gets the main thread back in between. */
const SLICE_MS = 6;
/** Placeholders handed to tiles per animation frame. */
const PER_FRAME = 16;
/** Decoded placeholders kept (the strings are shared with lib/thumbhash's own cache). */
const MAX_ENTRIES = 1500;

const decoded = new Map<string, string | null>();
/** Hashes wanted, with who is waiting for each, in the order they were asked for. */
const waiting = new Map<string, Set<() => void>>();
/** Hashes sent to the worker and not answered yet. */
const inFlight = new Set<string>();
/** Answers from the worker not yet handed to their tiles. */
const answered = new Map<string, string | null>();
const handOut = createFrameQueue(PER_FRAME);
let scheduled = false;

function remember(hash: string, url: string | null): void {
  decoded.set(hash, url);
  if (decoded.size > MAX_ENTRIES) {
    const oldest = decoded.keys().next().value;
    if (oldest !== undefined) decoded.delete(oldest);
  }
}

function deliver(hash: string, url: string | null): void {
  remember(hash, url);
  const listeners = waiting.get(hash);
  waiting.delete(hash);
  if (listeners) for (const listener of listeners) listener();
}

/** undefined: not started yet; null: none (no Worker here, or it failed). */
let worker: Worker | null | undefined;
/** The worker has said it runs. */
let workerReady = false;

function decoder(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (typeof Worker === "undefined") return null;
  try {
    const started = new Worker(new URL("./placeholder-worker.ts", import.meta.url), {
      type: "module",
      name: "thumbhash placeholders",
    });
    started.onmessage = (event: MessageEvent<PlaceholderReply>) => {
      if (!workerReady) {
        workerReady = true;
        if (waiting.size > 0) schedule();
      }
      for (const [hash, url] of event.data) {
        inFlight.delete(hash);
        answered.set(hash, url);
        handOut.add(() => {
          answered.delete(hash);
          if (waiting.has(hash)) deliver(hash, url);
          else remember(hash, url);
        });
      }
    };
    started.onerror = () => {
      // Whatever it had not answered is decoded here instead.
      started.terminate();
      worker = null;
      workerReady = false;
      inFlight.clear();
      if (waiting.size > 0) schedule();
    };
    worker = started;
  } catch {
    worker = null;
  }
  return worker;
}

// Started with the module, so that its script loads while the first pages of assets do.
decoder();

const channel = typeof MessageChannel === "undefined" ? null : new MessageChannel();
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  if (channel) channel.port2.postMessage(null);
  else setTimeout(flush, 0);
}
if (channel) channel.port1.onmessage = () => flush();

function flush(): void {
  scheduled = false;
  const target = decoder();
  if (target && workerReady) {
    const request: PlaceholderRequest = [];
    for (const hash of waiting.keys()) {
      if (inFlight.has(hash) || answered.has(hash)) continue;
      inFlight.add(hash);
      request.push(hash);
    }
    if (request.length > 0) target.postMessage(request);
    return;
  }
  const deadline = performance.now() + SLICE_MS;
  let left = false;
  for (const hash of waiting.keys()) {
    if (inFlight.has(hash) || answered.has(hash)) continue;
    if (performance.now() > deadline) {
      left = true;
      break;
    }
    deliver(hash, thumbhashDataUrl(hash));
  }
  if (left) schedule();
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

/**
 * The placeholder data URL of `hash`: null while it is being decoded, or while
 * `defer` holds (a fling passing by decodes nothing), or when there is none.
 *
 * The cache is read in render and a decoded placeholder re-renders its tile,
 * rather than through useSyncExternalStore: a store that React sees change
 * while it renders a transition makes React redo that transition as one
 * blocking render (React's documented fallback against tearing). Placeholders
 * are handed out every frame, so the grid's transitions (the fling switch, the
 * tiles of a page that arrived) were redone blocking: one task of 30–55 ms,
 * traced at the start of a fling. A tile that renders before its placeholder
 * is handed out simply shows it on its next render.
 */
export function usePlaceholder(hash: string | null, defer = false): string | null {
  const url = hash ? (peekPlaceholder(hash) ?? null) : null;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!hash || defer) return;
    const now = peekPlaceholder(hash);
    if (now === undefined) return watchPlaceholder(hash, rerender);
    // Handed out between the render and this effect.
    if (now !== url) rerender();
  }, [hash, defer, url]);
  return url;
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
