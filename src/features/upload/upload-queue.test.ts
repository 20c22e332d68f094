import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import type { Asset } from "../../api/schemas";
import { UploadError, type UploadResult } from "../../api/upload-asset";
import { classifyUploadError } from "./classify-upload-error";
import { backoffDelay, createUploadQueue, type UploadQueueOptions, type UploadStatus } from "./upload-queue";

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface UploadCall extends Deferred<UploadResult> {
  name: string;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

interface HashCall extends Deferred<string> {
  name: string;
  signal: AbortSignal;
}

/**
 * A transport whose every call waits until the test settles it. A file's
 * checksum is "sha-<name>", unless `sameBytes` maps its name to another name
 * whose bytes it has (a copy of that file).
 */
function fakeTransport({
  autoHash = true,
  existing = new Map<string, string>(),
  sameBytes = {} as Record<string, string>,
} = {}) {
  const uploads: UploadCall[] = [];
  const hashes: HashCall[] = [];
  const existCalls: string[][] = [];
  let existFailures = 0;
  const options: Pick<UploadQueueOptions, "hash" | "checkExisting" | "upload"> = {
    hash: (file, { signal }) => {
      if (autoHash) return Promise.resolve(`sha-${sameBytes[file.name] ?? file.name}`);
      const d = deferred<string>();
      hashes.push({ ...d, name: file.name, signal });
      signal.addEventListener("abort", () => d.reject(signal.reason));
      return d.promise;
    },
    checkExisting: async (checksums) => {
      existCalls.push(checksums);
      if (existFailures > 0) {
        existFailures -= 1;
        throw new ApiError({ kind: "network", status: 0, message: "offline" });
      }
      return new Map(checksums.filter((c) => existing.has(c)).map((c) => [c, existing.get(c) as string]));
    },
    upload: ({ file }, { signal, onProgress }) => {
      const d = deferred<UploadResult>();
      uploads.push({ ...d, name: file.name, signal, onProgress });
      signal.addEventListener("abort", () => d.reject(signal.reason));
      return d.promise;
    },
  };
  return {
    options,
    uploads,
    hashes,
    existCalls,
    failNextExist: (n: number) => {
      existFailures = n;
    },
    /** The upload calls not yet settled or aborted, by file name. */
    inFlight: () => uploads.filter((u) => !u.signal.aborted && !settled.has(u)).map((u) => u.name),
    settle(name: string, outcome: { created?: string; duplicate?: string; error?: unknown }) {
      const call = uploads.find((u) => u.name === name && !settled.has(u) && !u.signal.aborted);
      if (!call) throw new Error(`no upload in flight for ${name}`);
      settled.add(call);
      if (outcome.error !== undefined) call.reject(outcome.error);
      else {
        const id = outcome.created ?? outcome.duplicate ?? "asset_x";
        call.resolve({ status: outcome.created ? "created" : "duplicate", asset: { id } as Asset });
      }
    },
  };
}
const settled = new WeakSet<object>();

const file = (name: string, size = 10) => new File([new Uint8Array(size)], name, { type: "image/jpeg" });
const network = () =>
  new UploadError({ kind: "network", status: 0, message: "Could not reach the Gumleaf server." }, null);
const http = (status: number, message: string, retryAfterMs: number | null = null) =>
  new UploadError({ kind: "http", status, message }, retryAfterMs);

/** Lets promise callbacks run (fake timers do not advance by themselves). */
const tick = () => vi.advanceTimersByTimeAsync(0);

function makeQueue(transport: ReturnType<typeof fakeTransport>, extra: Partial<UploadQueueOptions> = {}) {
  return createUploadQueue({
    ...transport.options,
    classifyError: classifyUploadError,
    schedulePublish: (publish) => publish(),
    random: () => 0.5,
    existDelayMs: 50,
    ...extra,
  });
}

const statuses = (queue: ReturnType<typeof makeQueue>): UploadStatus[] =>
  queue.getSnapshot().items.map((item) => item.status);
const itemNamed = (queue: ReturnType<typeof makeQueue>, name: string) => {
  const item = queue.getSnapshot().items.find((i) => i.name === name);
  if (!item) throw new Error(`no item ${name}`);
  return item;
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("backoffDelay", () => {
  it("doubles from the base up to the cap, with ±20 % jitter", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, 1000, 30_000, mid))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(backoffDelay(1, 1000, 30_000, () => 0)).toBe(800);
    expect(backoffDelay(1, 1000, 30_000, () => 0.999999)).toBe(1200);
  });
});

describe("createUploadQueue", () => {
  it("hashes, checks and uploads at most `concurrency` files at once, in order", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t, { concurrency: 2 });
    queue.add([file("a.jpg"), file("b.jpg"), file("c.jpg"), file("d.jpg"), file("e.jpg")]);
    await tick();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.inFlight()).toEqual(["a.jpg", "b.jpg"]);
    expect(statuses(queue)).toEqual(["uploading", "uploading", "waiting", "waiting", "waiting"]);

    t.settle("a.jpg", { created: "asset_a" });
    await tick();
    expect(t.inFlight()).toEqual(["b.jpg", "c.jpg"]);
    t.settle("b.jpg", { duplicate: "asset_b" });
    t.settle("c.jpg", { error: http(422, "not a photo") });
    await tick();
    expect(t.inFlight()).toEqual(["d.jpg", "e.jpg"]);

    t.settle("d.jpg", { created: "asset_d" });
    t.settle("e.jpg", { created: "asset_e" });
    await tick();
    expect(queue.getSnapshot().items.map((i) => [i.status, i.assetId, i.message])).toEqual([
      ["added", "asset_a", null],
      ["duplicate", "asset_b", null],
      ["rejected", null, "not a photo"],
      ["added", "asset_d", null],
      ["added", "asset_e", null],
    ]);
    expect(queue.hasActiveWork()).toBe(false);
    expect(queue.getSnapshot().summary).toMatchObject({ total: 5, finished: 5, active: 0 });
  });

  it("never uploads files the existence check finds, and asks in batches", async () => {
    const t = fakeTransport({
      existing: new Map([
        ["sha-old1.jpg", "asset_old1"],
        ["sha-old2.jpg", "asset_old2"],
      ]),
    });
    const uploaded: string[] = [];
    const queue = makeQueue(t, { onUploaded: (r) => void uploaded.push(r.asset.id) });
    queue.add([file("old1.jpg"), file("new.jpg"), file("old2.jpg")]);
    await vi.advanceTimersByTimeAsync(100);

    // Hashing is instant here, so the three checksums go out in one request.
    expect(t.existCalls).toEqual([["sha-old1.jpg", "sha-new.jpg", "sha-old2.jpg"]]);
    expect(t.uploads.map((u) => u.name)).toEqual(["new.jpg"]);
    expect(itemNamed(queue, "old1.jpg")).toMatchObject({ status: "duplicate", assetId: "asset_old1" });
    expect(itemNamed(queue, "old2.jpg")).toMatchObject({ status: "duplicate", assetId: "asset_old2" });
    t.settle("new.jpg", { created: "asset_new" });
    await tick();
    expect(uploaded).toEqual(["asset_new"]);
  });

  it("splits a large existence check into batches of existBatchSize", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t, { existBatchSize: 2, concurrency: 1 });
    queue.add([file("a.jpg"), file("b.jpg"), file("c.jpg"), file("d.jpg"), file("e.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.existCalls.map((c) => c.length)).toEqual([2, 2, 1]);
  });

  it("uploads anyway when the existence check cannot be reached (the server dedups)", async () => {
    const t = fakeTransport();
    t.failNextExist(3);
    const queue = makeQueue(t);
    queue.add([file("a.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    expect(itemNamed(queue, "a.jpg").status).toBe("checking");
    await vi.advanceTimersByTimeAsync(1000 + 2000);
    expect(t.existCalls).toHaveLength(3);
    expect(t.inFlight()).toEqual(["a.jpg"]);
  });

  it("cancels a file in any unfinished state and goes on with the others", async () => {
    const t = fakeTransport({ autoHash: false });
    const queue = makeQueue(t, { concurrency: 1, hashConcurrency: 1 });
    const [a, b, c] = queue.add([file("a.jpg"), file("b.jpg"), file("c.jpg")]);

    // Cancelled while hashing: the hash is aborted, the next file starts hashing.
    expect(itemNamed(queue, "a.jpg").status).toBe("hashing");
    queue.cancel(a);
    expect(t.hashes[0].signal.aborted).toBe(true);
    expect(itemNamed(queue, "a.jpg").status).toBe("cancelled");
    expect(itemNamed(queue, "b.jpg").status).toBe("hashing");

    // Cancelled while queued for hashing: it is never hashed.
    queue.cancel(c);
    t.hashes[1].resolve("sha-b");
    await vi.advanceTimersByTimeAsync(100);
    expect(t.hashes.map((h) => h.name)).toEqual(["a.jpg", "b.jpg"]);

    // Cancelled mid-upload: the request is aborted and never settles the item.
    t.uploads[0].onProgress(0.4);
    expect(itemNamed(queue, "b.jpg").progress).toBeCloseTo(0.4);
    queue.cancel(b);
    expect(t.uploads[0].signal.aborted).toBe(true);
    await tick();
    expect(statuses(queue)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(queue.hasActiveWork()).toBe(false);
    // Cancelled files' bytes leave the total.
    expect(queue.getSnapshot().summary.bytesTotal).toBe(0);
  });

  it("pause stops in-flight uploads and starts nothing; resume sends them again from zero, in order", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t, { concurrency: 2 });
    queue.add([file("a.jpg", 100), file("b.jpg", 100), file("c.jpg", 100)]);
    await vi.advanceTimersByTimeAsync(100);
    t.uploads[0].onProgress(0.9);
    expect(t.inFlight()).toEqual(["a.jpg", "b.jpg"]);

    queue.pause();
    expect(t.uploads[0].signal.aborted).toBe(true);
    expect(t.uploads[1].signal.aborted).toBe(true);
    expect(statuses(queue)).toEqual(["waiting", "waiting", "waiting"]);
    expect(queue.getSnapshot().summary.paused).toBe(true);
    expect(queue.getSnapshot().summary.bytesDone).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.inFlight()).toEqual([]);
    expect(queue.hasActiveWork()).toBe(true);

    // A pause is not a failed attempt.
    queue.resume();
    expect(t.inFlight()).toEqual(["a.jpg", "b.jpg"]);
    expect(itemNamed(queue, "a.jpg")).toMatchObject({ progress: 0, attempt: 1 });
  });

  it("does not start hashing while paused", async () => {
    const t = fakeTransport({ autoHash: false });
    const queue = makeQueue(t, { hashConcurrency: 1 });
    queue.pause();
    queue.add([file("a.jpg")]);
    expect(t.hashes).toHaveLength(0);
    expect(itemNamed(queue, "a.jpg").status).toBe("queued");
    queue.resume();
    expect(t.hashes).toHaveLength(1);
  });

  it("retries network errors and 5xx with exponential backoff, then succeeds", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t);
    queue.add([file("a.jpg")]);
    await vi.advanceTimersByTimeAsync(100);

    t.settle("a.jpg", { error: network() });
    await tick();
    const waiting = itemNamed(queue, "a.jpg");
    expect(waiting).toMatchObject({ status: "waiting", attempt: 1, message: "Could not reach the Gumleaf server." });
    expect(waiting.retryAt).toBe(Date.now() + 1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(t.inFlight()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.inFlight()).toEqual(["a.jpg"]);

    t.settle("a.jpg", { error: http(503, "Service unavailable") });
    await tick();
    await vi.advanceTimersByTimeAsync(1999);
    expect(t.inFlight()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.inFlight()).toEqual(["a.jpg"]);

    // The first attempt had in fact landed before the server went away: 200, nothing doubled.
    t.settle("a.jpg", { duplicate: "asset_a" });
    await tick();
    expect(itemNamed(queue, "a.jpg")).toMatchObject({ status: "duplicate", assetId: "asset_a", attempt: 3 });
  });

  it("honours Retry-After instead of its own backoff", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t);
    queue.add([file("a.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    t.settle("a.jpg", { error: http(429, "Too many requests", 7000) });
    await tick();
    await vi.advanceTimersByTimeAsync(6999);
    expect(t.inFlight()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.inFlight()).toEqual(["a.jpg"]);
  });

  it("does not count 429s (server busy) as attempts", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t, { maxAttempts: 2 });
    queue.add([file("a.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    for (let i = 0; i < 10; i++) {
      t.settle("a.jpg", { error: http(429, "8 uploads are already in progress", 1000) });
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(itemNamed(queue, "a.jpg")).toMatchObject({ status: "uploading", attempt: 1 });
    t.settle("a.jpg", { created: "asset_a" });
    await tick();
    expect(itemNamed(queue, "a.jpg").status).toBe("added");
  });

  it("gives up after maxAttempts, and a manual retry starts the count again", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t, { maxAttempts: 3 });
    const [id] = queue.add([file("a.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    for (let attempt = 1; attempt <= 3; attempt++) {
      t.settle("a.jpg", { error: http(500, "Internal error") });
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(itemNamed(queue, "a.jpg")).toMatchObject({ status: "failed", message: "Internal error (3 attempts)" });
    expect(t.uploads).toHaveLength(3);

    queue.retry(id);
    expect(t.inFlight()).toEqual(["a.jpg"]);
    expect(itemNamed(queue, "a.jpg")).toMatchObject({ status: "uploading", attempt: 1, message: null });
    t.settle("a.jpg", { created: "asset_a" });
    await tick();
    expect(itemNamed(queue, "a.jpg").status).toBe("added");
  });

  it("does not retry a 4xx other than 408/429: the file is rejected with the server's reason", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t);
    queue.add([file("notes.jpg"), file("b.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    t.settle("notes.jpg", { error: http(422, '"notes.jpg" is not a photo or video') });
    t.settle("b.jpg", { created: "asset_b" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.uploads).toHaveLength(2);
    expect(itemNamed(queue, "notes.jpg")).toMatchObject({
      status: "rejected",
      message: '"notes.jpg" is not a photo or video',
    });
    expect(itemNamed(queue, "b.jpg").status).toBe("added");
    // Rejected files are not "failed": retry leaves them alone.
    queue.retryAllFailed();
    expect(t.inFlight()).toEqual([]);
  });

  it("retries all failed files at once", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t, { maxAttempts: 1, concurrency: 5 });
    queue.add([file("a.jpg"), file("b.jpg"), file("c.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    t.settle("a.jpg", { error: network() });
    t.settle("b.jpg", { error: network() });
    t.settle("c.jpg", { created: "asset_c" });
    await tick();
    expect(statuses(queue)).toEqual(["failed", "failed", "added"]);
    queue.retryAllFailed();
    expect(t.inFlight()).toEqual(["a.jpg", "b.jpg"]);
  });

  it("lists empty files as skipped and never sends them", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t);
    queue.add([file("empty.jpg", 0), { file: file("x.jpg"), path: "x.jpg", problem: "Could not read the file" }]);
    await vi.advanceTimersByTimeAsync(100);
    expect(queue.getSnapshot().items.map((i) => [i.status, i.message])).toEqual([
      ["skipped", "Empty file (0 bytes)"],
      ["skipped", "Could not read the file"],
    ]);
    expect(t.existCalls).toEqual([]);
    expect(t.uploads).toEqual([]);
  });

  it("marks a file it cannot read as failed, and a retry hashes it again", async () => {
    const t = fakeTransport({ autoHash: false });
    const queue = makeQueue(t);
    const [id] = queue.add([file("gone.jpg")]);
    t.hashes[0].reject(new DOMException("The file could not be read", "NotReadableError"));
    await tick();
    expect(itemNamed(queue, "gone.jpg")).toMatchObject({
      status: "failed",
      message: "Could not read the file (was it moved, renamed or deleted?)",
    });
    queue.retry(id);
    expect(t.hashes).toHaveLength(2);
  });

  it("adjusts concurrency while running", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t, { concurrency: 1 });
    queue.add([file("a.jpg"), file("b.jpg"), file("c.jpg"), file("d.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.inFlight()).toEqual(["a.jpg"]);
    queue.setConcurrency(3);
    expect(t.inFlight()).toEqual(["a.jpg", "b.jpg", "c.jpg"]);
    expect(queue.getSnapshot().summary.concurrency).toBe(3);
  });

  it("totals files and bytes, and clears finished files", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t, { concurrency: 1 });
    queue.add([file("a.jpg", 100), file("b.jpg", 300)]);
    await vi.advanceTimersByTimeAsync(100);
    t.uploads[0].onProgress(0.5);
    expect(queue.getSnapshot().summary).toMatchObject({ total: 2, finished: 0, bytesTotal: 400, bytesDone: 50 });
    t.settle("a.jpg", { created: "asset_a" });
    await tick();
    expect(queue.getSnapshot().summary).toMatchObject({ finished: 1, bytesDone: 100 });

    queue.clearFinished();
    expect(queue.getSnapshot().items.map((i) => i.name)).toEqual(["b.jpg"]);
    expect(queue.getSnapshot().summary).toMatchObject({ total: 1, finished: 0, bytesTotal: 300, bytesDone: 0 });
  });

  it("keeps unchanged items identical between snapshots (rows re-render only when their file changes)", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t, { concurrency: 1 });
    queue.add([file("a.jpg", 100), file("b.jpg", 100)]);
    await vi.advanceTimersByTimeAsync(100);
    const before = queue.getSnapshot().items;
    t.uploads[0].onProgress(0.3);
    const after = queue.getSnapshot().items;
    expect(after).not.toBe(before);
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });

  it("publishes through the scheduler, once per tick however many events arrive", async () => {
    const t = fakeTransport();
    const ticks: Array<() => void> = [];
    const queue = makeQueue(t, {
      schedulePublish: (publish) => void ticks.push(publish),
      onUploaded: () => undefined,
    });
    let notified = 0;
    queue.subscribe(() => {
      notified += 1;
    });
    queue.add([file("a.jpg", 1000)]);
    await vi.advanceTimersByTimeAsync(100);
    ticks.splice(0).forEach((run) => {
      run();
    });
    const n = notified;
    for (let i = 1; i <= 50; i++) t.uploads[0].onProgress(i / 100);
    expect(ticks).toHaveLength(1);
    ticks.splice(0).forEach((run) => {
      run();
    });
    expect(notified).toBe(n + 1);
    expect(queue.getSnapshot().items[0].progress).toBeCloseTo(0.5);

    // The final state is published even though onUploaded already asked for the item's view.
    t.settle("a.jpg", { created: "asset_a" });
    await tick();
    ticks.splice(0).forEach((run) => {
      run();
    });
    expect(queue.getSnapshot().items[0]).toMatchObject({ status: "added", assetId: "asset_a", progress: 1 });
  });

  it("appends new files and replaces changed ones at publish; the layout number changes only when files move", async () => {
    const t = fakeTransport({ autoHash: false });
    const ticks: Array<() => void> = [];
    const queue = makeQueue(t, { hashConcurrency: 1, schedulePublish: (publish) => void ticks.push(publish) });
    const flush = () => {
      for (const run of ticks.splice(0)) run();
    };
    const [a] = queue.add([file("a.jpg"), file("b.jpg")]);
    flush();
    const first = queue.getSnapshot();
    expect(first.items.map((i) => [i.name, i.status])).toEqual([
      ["a.jpg", "hashing"],
      ["b.jpg", "queued"],
    ]);

    // A state change keeps the layout; an added file changes it.
    queue.cancel(a);
    flush();
    const second = queue.getSnapshot();
    expect(second.layout).toBe(first.layout);
    expect(second.items.map((i) => i.status)).toEqual(["cancelled", "hashing"]);
    queue.add([file("c.jpg")]);
    flush();
    const third = queue.getSnapshot();
    expect(third.layout).not.toBe(second.layout);
    expect(third.items.map((i) => i.name)).toEqual(["a.jpg", "b.jpg", "c.jpg"]);
    expect(third.items[1]).toBe(second.items[1]);

    // Clearing finished files moves the others up; a later change lands at the new position.
    queue.clearFinished();
    flush();
    const fourth = queue.getSnapshot();
    expect(fourth.layout).not.toBe(third.layout);
    expect(fourth.items.map((i) => i.name)).toEqual(["b.jpg", "c.jpg"]);
    t.hashes[1].reject(new DOMException("gone", "NotFoundError"));
    await tick();
    flush();
    expect(queue.getSnapshot().items.map((i) => [i.name, i.status])).toEqual([
      ["b.jpg", "failed"],
      ["c.jpg", "hashing"],
    ]);
  });

  it("measures speed and time left from the bytes sent", async () => {
    const t = fakeTransport();
    const queue = makeQueue(t);
    queue.add([file("a.jpg", 10_000_000)]);
    await tick();
    t.uploads[0].onProgress(0);
    await vi.advanceTimersByTimeAsync(1000);
    t.uploads[0].onProgress(0.2);
    const { summary, items } = queue.getSnapshot();
    expect(summary.speed).toBeCloseTo(2_000_000, -4);
    expect(summary.secondsLeft).toBeCloseTo(4, 0);
    expect(items[0].speed).toBeCloseTo(2_000_000, -4);
  });

  it("lists ten thousand files at once and hashes only `hashConcurrency` at a time", () => {
    const t = fakeTransport({ autoHash: false });
    const queue = makeQueue(t, { hashConcurrency: 2 });
    queue.add(Array.from({ length: 10_000 }, (_, i) => file(`IMG_${i}.jpg`, 1)));
    expect(queue.getSnapshot().items).toHaveLength(10_000);
    expect(queue.getSnapshot().summary).toMatchObject({ total: 10_000, active: 10_000, bytesTotal: 10_000 });
    expect(t.hashes.map((h) => h.name)).toEqual(["IMG_0.jpg", "IMG_1.jpg"]);
    queue.dispose();
  });
});

describe("identical bytes twice in one session", () => {
  const picked = (path: string) => ({ file: file(path.split("/").at(-1) as string), path });

  it("sends them once: the copy waits for the first file, then is a duplicate of its asset", async () => {
    const t = fakeTransport({ sameBytes: { "b.jpg": "a.jpg" } });
    const uploaded: string[] = [];
    const queue = makeQueue(t, { concurrency: 4, onUploaded: (r) => void uploaded.push(r.asset.id) });
    queue.add([picked("Trip/a.jpg"), picked("Backup/b.jpg"), picked("Trip/c.jpg")]);
    await vi.advanceTimersByTimeAsync(100);

    expect(t.inFlight()).toEqual(["a.jpg", "c.jpg"]);
    // The copy is not even asked about: its twin's answer is its answer.
    expect(t.existCalls).toEqual([["sha-a.jpg", "sha-c.jpg"]]);
    expect(itemNamed(queue, "b.jpg")).toMatchObject({ status: "waiting", sameAs: "Trip/a.jpg" });
    expect(queue.hasActiveWork()).toBe(true);

    t.settle("a.jpg", { created: "asset_a" });
    await tick();
    expect(itemNamed(queue, "b.jpg")).toMatchObject({ status: "duplicate", assetId: "asset_a", sameAs: "Trip/a.jpg" });
    expect(itemNamed(queue, "a.jpg")).toMatchObject({ status: "added", sameAs: null });
    t.settle("c.jpg", { created: "asset_c" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.uploads.map((u) => u.name)).toEqual(["a.jpg", "c.jpg"]);
    expect(uploaded).toEqual(["asset_a", "asset_c"]);
    expect(queue.getSnapshot().summary).toMatchObject({ active: 0, counts: { added: 2, duplicate: 1 } });
  });

  it("a copy of a file that already landed is a duplicate at once, with no check and no upload", async () => {
    const t = fakeTransport({ sameBytes: { "copy.jpg": "a.jpg" } });
    const queue = makeQueue(t);
    queue.add([picked("a.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    t.settle("a.jpg", { duplicate: "asset_old" });
    await tick();
    const checks = t.existCalls.length;

    queue.add([picked("Later/copy.jpg")]);
    await tick();
    expect(itemNamed(queue, "copy.jpg")).toMatchObject({ status: "duplicate", assetId: "asset_old", sameAs: "a.jpg" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.existCalls).toHaveLength(checks);
    expect(t.uploads.map((u) => u.name)).toEqual(["a.jpg"]);
  });

  it("when the existence check finds the first file, its copies are duplicates of the library's asset", async () => {
    const t = fakeTransport({ sameBytes: { "b.jpg": "a.jpg" }, existing: new Map([["sha-a.jpg", "asset_old"]]) });
    const queue = makeQueue(t);
    queue.add([picked("a.jpg"), picked("b.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    expect(queue.getSnapshot().items.map((i) => [i.status, i.assetId, i.sameAs])).toEqual([
      ["duplicate", "asset_old", null],
      ["duplicate", "asset_old", "a.jpg"],
    ]);
    expect(t.uploads).toEqual([]);
  });

  it("when the first file fails, its copy takes over and is sent; a retry of the first then finds the copy's asset", async () => {
    const t = fakeTransport({ sameBytes: { "b.jpg": "a.jpg" } });
    const queue = makeQueue(t, { maxAttempts: 1 });
    const [a] = queue.add([picked("a.jpg"), picked("b.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.inFlight()).toEqual(["a.jpg"]);

    t.settle("a.jpg", { error: network() });
    await vi.advanceTimersByTimeAsync(100);
    expect(itemNamed(queue, "a.jpg").status).toBe("failed");
    // The copy asks the library itself (the failed attempt may have landed), then uploads.
    expect(t.existCalls.at(-1)).toEqual(["sha-a.jpg"]);
    expect(t.inFlight()).toEqual(["b.jpg"]);
    expect(itemNamed(queue, "b.jpg")).toMatchObject({ status: "uploading", sameAs: null });

    t.settle("b.jpg", { created: "asset_b" });
    await tick();
    expect(itemNamed(queue, "b.jpg").status).toBe("added");
    queue.retry(a);
    expect(itemNamed(queue, "a.jpg")).toMatchObject({ status: "duplicate", assetId: "asset_b", sameAs: "b.jpg" });
    expect(t.uploads.map((u) => u.name)).toEqual(["a.jpg", "b.jpg"]);
  });

  it("when the first file is rejected, its copy is still sent and gets its own verdict", async () => {
    const t = fakeTransport({ sameBytes: { "b.jpg": "a.jpg" } });
    const queue = makeQueue(t);
    queue.add([picked("a.jpg"), picked("b.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    t.settle("a.jpg", { error: http(422, '"a.jpg" is not a photo or video') });
    await vi.advanceTimersByTimeAsync(100);
    expect(t.inFlight()).toEqual(["b.jpg"]);
    t.settle("b.jpg", { error: http(422, '"b.jpg" is not a photo or video') });
    await tick();
    expect(queue.getSnapshot().items.map((i) => [i.status, i.message])).toEqual([
      ["rejected", '"a.jpg" is not a photo or video'],
      ["rejected", '"b.jpg" is not a photo or video'],
    ]);
  });

  it("cancelling the first of three copies hands over to the next; a cancelled copy stays cancelled", async () => {
    const t = fakeTransport({ sameBytes: { "b.jpg": "a.jpg", "c.jpg": "a.jpg", "d.jpg": "a.jpg" } });
    const queue = makeQueue(t);
    const [a, , , d] = queue.add([picked("a.jpg"), picked("b.jpg"), picked("c.jpg"), picked("d.jpg")]);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.inFlight()).toEqual(["a.jpg"]);
    queue.cancel(d);

    queue.cancel(a);
    expect(t.uploads[0].signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.inFlight()).toEqual(["b.jpg"]);
    expect(itemNamed(queue, "c.jpg")).toMatchObject({ status: "waiting", sameAs: "b.jpg" });

    t.settle("b.jpg", { created: "asset_b" });
    await tick();
    expect(queue.getSnapshot().items.map((i) => [i.status, i.assetId, i.sameAs])).toEqual([
      ["cancelled", null, null],
      ["added", "asset_b", null],
      ["duplicate", "asset_b", "b.jpg"],
      ["cancelled", null, "a.jpg"],
    ]);
    expect(t.uploads.map((u) => u.name)).toEqual(["a.jpg", "b.jpg"]);
    expect(queue.hasActiveWork()).toBe(false);
  });
});
