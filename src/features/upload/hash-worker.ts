/**
 * The hashing Web Worker: a thin wrapper around `sha256Blob`. The File arrives
 * by reference (structured cloning a File does not copy its bytes) and is read
 * here slice by slice, off the main thread. The pool gives it one job at a time.
 */
import { sha256Blob } from "./hash-core";
import type { HashReply, HashRequest } from "./hash-protocol";

/** The worker's global scope, typed by hand: the project compiles with the DOM lib, not WebWorker. */
const scope = self as unknown as {
  postMessage(message: HashReply): void;
  addEventListener(type: "message", listener: (event: MessageEvent<HashRequest>) => void): void;
};

/** Progress is posted at most this often, so a fast disk does not flood the page with messages. */
const PROGRESS_INTERVAL_MS = 100;

let running: number | null = null;
let cancelRunning = false;

scope.addEventListener("message", (event) => {
  const request = event.data;
  if (request.type === "cancel") {
    if (request.jobId === running) cancelRunning = true;
    return;
  }
  const { jobId, file, chunkBytes } = request;
  running = jobId;
  cancelRunning = false;
  let lastProgress = performance.now();
  sha256Blob(file, {
    chunkBytes,
    isCancelled: () => cancelRunning,
    onProgress: (bytes) => {
      const now = performance.now();
      if (now - lastProgress < PROGRESS_INTERVAL_MS || bytes === file.size) return;
      lastProgress = now;
      scope.postMessage({ type: "progress", jobId, bytes });
    },
  })
    .then(
      (checksum) => scope.postMessage({ type: "done", jobId, checksum }),
      (error: unknown) => {
        const err = error instanceof Error ? error : new Error(String(error));
        scope.postMessage({ type: "error", jobId, name: err.name, message: err.message });
      },
    )
    .finally(() => {
      running = null;
    });
});
