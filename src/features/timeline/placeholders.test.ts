import { rgbaToThumbHash } from "thumbhash";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** A real ThumbHash of a small gradient (base64). */
function realHash(shade: number): string {
  const w = 8;
  const h = 6;
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) rgba.set([shade, (i * 5) % 256, 255 - shade, 255], i * 4);
  return Buffer.from(rgbaToThumbHash(w, h, rgba)).toString("base64");
}

/** Stands in for the decoding worker: records what it is asked, answers when told. */
class FakeWorker {
  static last: FakeWorker | null = null;
  requests: string[][] = [];
  onmessage: ((event: { data: [string, string | null][] }) => void) | null = null;
  onerror: (() => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(request: string[]): void {
    this.requests.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(pairs: [string, string | null][]): void {
    this.onmessage?.({ data: pairs });
  }
}

/** The module keeps its queue and cache in module state: a fresh copy per test. */
async function load() {
  vi.resetModules();
  return import("./placeholders");
}

/** Long enough for the queue's message and a frame of handing out (16 ms without requestAnimationFrame here). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 40));

/** The fake worker, once it has said it runs. */
async function readyWorker(): Promise<FakeWorker> {
  const worker = FakeWorker.last;
  if (!worker) throw new Error("no worker was started");
  worker.reply([]);
  await settle();
  return worker;
}

describe("placeholders decoded in a worker", () => {
  beforeEach(() => {
    FakeWorker.last = null;
    vi.stubGlobal("Worker", FakeWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("asks the worker once per hash, in order, and hands each tile its placeholder from the reply", async () => {
    const { watchPlaceholder, peekPlaceholder } = await load();
    const seen: string[] = [];
    watchPlaceholder("AAA", () => seen.push("tile 1"));
    watchPlaceholder("BBB", () => seen.push("tile 2"));
    watchPlaceholder("AAA", () => seen.push("tile 3"));
    // Not decodable here: only the worker could answer.
    const worker = await readyWorker();
    expect(worker.requests).toEqual([["AAA", "BBB"]]);
    expect(seen).toEqual([]);

    worker.reply([["AAA", "data:image/png;base64,aaa"]]);
    await settle();
    expect(seen).toEqual(["tile 1", "tile 3"]);
    expect(peekPlaceholder("AAA")).toBe("data:image/png;base64,aaa");
    expect(peekPlaceholder("BBB")).toBeUndefined();

    worker.reply([["BBB", null]]);
    await settle();
    expect(seen).toEqual(["tile 1", "tile 3", "tile 2"]);
    expect(peekPlaceholder("BBB")).toBeNull();

    // Decoded already: nothing is asked again.
    watchPlaceholder("AAA", () => seen.push("tile 4"));
    await settle();
    expect(worker.requests).toHaveLength(1);
  });

  it("hands out at most 16 placeholders per frame, first asked first", async () => {
    const { watchPlaceholder } = await load();
    const order: number[] = [];
    const hashes = Array.from({ length: 40 }, (_, i) => `H${i}`);
    for (const [i, hash] of hashes.entries()) watchPlaceholder(hash, () => order.push(i));
    const worker = await readyWorker();
    worker.reply(hashes.map((hash) => [hash, `data:image/png;base64,${hash}`]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(hashes.slice(0, 16).map((_, i) => i));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(order).toEqual(hashes.map((_, i) => i));
  });

  it("decodes on the main thread until the worker says it runs", async () => {
    const { watchPlaceholder, peekPlaceholder } = await load();
    const hash = realHash(90);
    const onReady = vi.fn();
    watchPlaceholder(hash, onReady);
    await settle();
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(peekPlaceholder(hash)).toMatch(/^data:image\/png;base64,/);
    expect(FakeWorker.last?.requests).toEqual([]);
  });

  it("a tile that left before the reply is not called; the placeholder is kept for the next one", async () => {
    const { watchPlaceholder, peekPlaceholder } = await load();
    const onReady = vi.fn();
    const cancel = watchPlaceholder("CCC", onReady);
    const worker = await readyWorker();
    expect(worker.requests).toEqual([["CCC"]]);
    cancel();
    worker.reply([["CCC", "data:image/png;base64,ccc"]]);
    await settle();
    expect(onReady).not.toHaveBeenCalled();
    expect(peekPlaceholder("CCC")).toBe("data:image/png;base64,ccc");
  });

  it("when the worker fails, what it had not answered is decoded on the main thread", async () => {
    const { watchPlaceholder, peekPlaceholder } = await load();
    const hash = realHash(40);
    const onReady = vi.fn();
    const worker = await readyWorker();
    watchPlaceholder(hash, onReady);
    await settle();
    expect(worker.requests).toEqual([[hash]]);
    expect(onReady).not.toHaveBeenCalled();
    worker.onerror?.();
    await settle();
    expect(worker.terminated).toBe(true);
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(peekPlaceholder(hash)).toMatch(/^data:image\/png;base64,/);
  });
});

describe("placeholders without a worker", () => {
  beforeEach(() => vi.stubGlobal("Worker", undefined));
  afterEach(() => vi.unstubAllGlobals());

  it("decodes on the main thread, and an undecodable hash gives null", async () => {
    const { watchPlaceholder, peekPlaceholder } = await load();
    const good = realHash(200);
    const ready = vi.fn();
    watchPlaceholder(good, ready);
    watchPlaceholder("not base64 at all!", ready);
    await settle();
    expect(ready).toHaveBeenCalledTimes(2);
    expect(peekPlaceholder(good)).toMatch(/^data:image\/png;base64,/);
    expect(peekPlaceholder("not base64 at all!")).toBeNull();
  });
});
