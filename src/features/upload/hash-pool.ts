/**
 * A small pool of hashing workers. Each worker takes one file at a time;
 * further files wait in a FIFO. Cancelling a job rejects its promise at once;
 * the worker notices between chunks and is reused when it has stopped.
 */
import type { HashReply, HashRequest } from "./hash-protocol";

/** The part of `Worker` the pool uses (a fake in tests). */
export interface HashWorkerLike {
  postMessage(message: HashRequest): void;
  addEventListener(type: "message", listener: (event: MessageEvent<HashReply>) => void): void;
  addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface HashJobOptions {
  signal?: AbortSignal;
  onProgress?: (bytesHashed: number) => void;
}

export interface HashPool {
  /** Base64 SHA-256 of the file. Rejects with an AbortError when `signal` aborts. */
  hash(file: Blob, options?: HashJobOptions): Promise<string>;
  dispose(): void;
}

interface Job {
  id: number;
  file: Blob;
  options: HashJobOptions;
  resolve: (checksum: string) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  onAbort: () => void;
}

interface Slot {
  worker: HashWorkerLike;
  /** The job the worker is busy with (possibly already cancelled on the page's side). */
  job: Job | null;
}

export function createHashPool({ size, createWorker }: { size: number; createWorker: () => HashWorkerLike }): HashPool {
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  let disposed = false;

  const settle = (job: Job, outcome: { checksum: string } | { error: unknown }) => {
    if (job.settled) return;
    job.settled = true;
    job.options.signal?.removeEventListener("abort", job.onAbort);
    if ("checksum" in outcome) job.resolve(outcome.checksum);
    else job.reject(outcome.error);
  };

  const startSlot = (): Slot => {
    const slot: Slot = { worker: createWorker(), job: null };
    slot.worker.addEventListener("message", (event) => {
      const reply = event.data;
      const job = slot.job;
      if (!job || job.id !== reply.jobId) return;
      if (reply.type === "progress") {
        if (!job.settled) job.options.onProgress?.(reply.bytes);
        return;
      }
      slot.job = null;
      if (reply.type === "done") settle(job, { checksum: reply.checksum });
      else {
        // Keep the name (AbortError, NotReadableError…): the queue words its message from it.
        settle(job, { error: new DOMException(reply.message, reply.name) });
      }
      dispatch();
    });
    slot.worker.addEventListener("error", (event) => {
      // The worker itself failed (e.g. its script did not load): fail its job and replace it.
      const job = slot.job;
      slot.job = null;
      slot.worker.terminate();
      slots.splice(slots.indexOf(slot), 1);
      if (job) settle(job, { error: new Error(event.message || "The hashing worker stopped.") });
      dispatch();
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = () => {
    if (disposed) return;
    while (waiting.length > 0) {
      let slot = slots.find((s) => s.job === null);
      if (!slot && slots.length < size) slot = startSlot();
      if (!slot) return;
      const job = waiting.shift() as Job;
      if (job.settled) continue;
      slot.job = job;
      slot.worker.postMessage({ type: "hash", jobId: job.id, file: job.file });
    }
  };

  return {
    hash(file, options = {}) {
      return new Promise<string>((resolve, reject) => {
        if (options.signal?.aborted) {
          reject(options.signal.reason);
          return;
        }
        const job: Job = {
          id: nextId++,
          file,
          options,
          resolve,
          reject,
          settled: false,
          onAbort: () => {
            settle(job, { error: options.signal?.reason ?? new DOMException("Hashing was cancelled.", "AbortError") });
            const slot = slots.find((s) => s.job === job);
            // A waiting job is skipped when its turn comes (it is settled); a running one is stopped.
            if (slot) slot.worker.postMessage({ type: "cancel", jobId: job.id });
          },
        };
        options.signal?.addEventListener("abort", job.onAbort, { once: true });
        waiting.push(job);
        dispatch();
      });
    },
    dispose() {
      disposed = true;
      for (const slot of slots) {
        slot.worker.terminate();
        if (slot.job) settle(slot.job, { error: new DOMException("The hashing pool was closed.", "AbortError") });
      }
      for (const job of waiting) settle(job, { error: new DOMException("The hashing pool was closed.", "AbortError") });
      slots.length = 0;
      waiting.length = 0;
    },
  };
}
