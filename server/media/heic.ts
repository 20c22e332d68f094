/**
 * HEVC-coded HEIC decoding for when sharp's libvips has no HEVC decoder (the
 * prebuilt one doesn't, for patent reasons). heic-decode wraps libheif-js (wasm);
 * it runs in one long-lived worker thread, started on first use, so decoding
 * never blocks the event loop.
 */
import { Worker } from "node:worker_threads";

export interface HeicPixels {
  width: number;
  height: number;
  /** RGBA, with the HEIF irot/imir transforms already applied. */
  data: Uint8ClampedArray;
}

type Reply = { id: number; width: number; height: number; data: Uint8ClampedArray } | { id: number; error: string };

interface Pending {
  resolve: (pixels: HeicPixels) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

export function decodeHeic(filePath: string): Promise<HeicPixels> {
  const id = nextId++;
  return new Promise<HeicPixels>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const current = ensureWorker();
    current.ref();
    current.postMessage({ id, path: filePath });
  });
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL("./heic-worker.mjs", import.meta.url));
  started.on("message", (reply: Reply) => settle(reply));
  started.on("error", (error: unknown) => failAll(started, error instanceof Error ? error : new Error(String(error))));
  started.on("exit", (code) => failAll(started, new Error(`HEIC decoder worker exited with code ${code}`)));
  worker = started;
  return started;
}

function settle(reply: Reply): void {
  const waiter = pending.get(reply.id);
  pending.delete(reply.id);
  // An idle worker must not keep the process alive.
  if (pending.size === 0) worker?.unref();
  if (!waiter) return;
  if ("error" in reply) waiter.reject(new Error(reply.error));
  else waiter.resolve({ width: reply.width, height: reply.height, data: reply.data });
}

function failAll(failed: Worker, error: Error): void {
  if (worker !== failed) return;
  worker = null;
  for (const waiter of pending.values()) waiter.reject(error);
  pending.clear();
}
