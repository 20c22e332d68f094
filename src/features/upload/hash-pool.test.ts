import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Blob } from "./hash-core";
import { createHashPool, type HashWorkerLike } from "./hash-pool";
import type { HashReply, HashRequest } from "./hash-protocol";

/** Runs the worker's job in-process, like hash-worker.ts does, one at a time. */
class FakeWorker implements HashWorkerLike {
  static created = 0;
  jobs: number[] = [];
  terminated = false;
  private listeners: Array<(event: MessageEvent<HashReply>) => void> = [];
  private cancelled = new Set<number>();
  constructor() {
    FakeWorker.created += 1;
  }
  addEventListener(type: string, listener: (event: never) => void) {
    if (type === "message") this.listeners.push(listener as (event: MessageEvent<HashReply>) => void);
  }
  postMessage(message: HashRequest) {
    if (message.type === "cancel") {
      this.cancelled.add(message.jobId);
      return;
    }
    const { jobId, file } = message;
    this.jobs.push(jobId);
    const reply = (data: HashReply) => {
      for (const l of this.listeners) l({ data } as MessageEvent<HashReply>);
    };
    void sha256Blob(file, {
      chunkBytes: 16,
      isCancelled: () => this.cancelled.has(jobId),
      onProgress: (bytes) => reply({ type: "progress", jobId, bytes }),
    }).then(
      (checksum) => reply({ type: "done", jobId, checksum }),
      (e: Error) => reply({ type: "error", jobId, name: e.name, message: e.message }),
    );
  }
  terminate() {
    this.terminated = true;
  }
}

const sha = (text: string) => createHash("sha256").update(text).digest("base64");

describe("createHashPool", () => {
  it("hashes files on at most `size` workers and reports progress", async () => {
    const workers: FakeWorker[] = [];
    const pool = createHashPool({ size: 2, createWorker: () => workers[workers.push(new FakeWorker()) - 1] });
    const progress: number[] = [];
    const texts = ["a".repeat(40), "b", "c", "d"];
    const results = await Promise.all(
      texts.map((text, i) => pool.hash(new Blob([text]), i === 0 ? { onProgress: (b) => progress.push(b) } : {})),
    );
    expect(results).toEqual(texts.map(sha));
    expect(workers).toHaveLength(2);
    expect(workers.flatMap((w) => w.jobs).sort()).toEqual([1, 2, 3, 4]);
    expect(progress).toEqual([16, 32, 40]);
    pool.dispose();
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it("rejects a cancelled job at once and keeps the worker for the next one", async () => {
    const workers: FakeWorker[] = [];
    const pool = createHashPool({ size: 1, createWorker: () => workers[workers.push(new FakeWorker()) - 1] });
    const controller = new AbortController();
    const big = pool.hash(new Blob([new Uint8Array(10_000)]), { signal: controller.signal });
    const queued = new AbortController();
    const never = pool.hash(new Blob(["x"]), { signal: queued.signal });
    const next = pool.hash(new Blob(["next"]));
    controller.abort(new DOMException("Cancelled", "AbortError"));
    queued.abort(new DOMException("Cancelled", "AbortError"));
    await expect(big).rejects.toMatchObject({ name: "AbortError" });
    await expect(never).rejects.toMatchObject({ name: "AbortError" });
    expect(await next).toBe(sha("next"));
    expect(workers).toHaveLength(1);
    // The queued job that was cancelled never reached the worker.
    expect(workers[0].jobs).toEqual([1, 3]);
  });
});
