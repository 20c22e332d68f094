import { describe, expect, it } from "vitest";
import type { Asset } from "../../api/schemas";
import type { UploadOptions, UploadResult } from "../../api/upload-asset";
import { createUploadQueue } from "./upload-queue";

interface Pending {
  file: File;
  options: UploadOptions;
  resolve: (result: UploadResult) => void;
  reject: (error: unknown) => void;
}

function fakeTransport() {
  const calls: Pending[] = [];
  const upload = (file: File, options: UploadOptions) =>
    new Promise<UploadResult>((resolve, reject) => calls.push({ file, options, resolve, reject }));
  return { calls, upload };
}

const file = (name: string) => new File(["x"], name, { type: "image/jpeg" });
const asset = (id: string) => ({ id }) as Asset;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("createUploadQueue", () => {
  it("uploads at most `concurrency` files at once and records each outcome", async () => {
    const transport = fakeTransport();
    const added: string[] = [];
    const queue = createUploadQueue({
      upload: transport.upload,
      concurrency: 2,
      onAdded: async (r) => void added.push(r.asset.id),
      classifyError: (e) => ({ rejected: (e as Error).message === "bad", message: (e as Error).message }),
    });
    queue.add([file("a.jpg"), file("b.jpg"), file("c.jpg"), file("d.jpg")]);
    expect(transport.calls.map((c) => c.file.name)).toEqual(["a.jpg", "b.jpg"]);
    expect(queue.getSnapshot().map((i) => i.status)).toEqual(["uploading", "uploading", "queued", "queued"]);

    transport.calls[0].options.onProgress?.(0.5);
    expect(queue.getSnapshot()[0].progress).toBe(0.5);

    transport.calls[0].resolve({ status: "created", asset: asset("asset_a") });
    transport.calls[1].resolve({ status: "duplicate", asset: asset("asset_b") });
    await flush();
    expect(transport.calls.map((c) => c.file.name)).toEqual(["a.jpg", "b.jpg", "c.jpg", "d.jpg"]);
    transport.calls[2].reject(new Error("bad"));
    transport.calls[3].reject(new Error("offline"));
    await flush();

    expect(queue.getSnapshot().map((i) => [i.status, i.message])).toEqual([
      ["added", null],
      ["duplicate", null],
      ["rejected", "bad"],
      ["failed", "offline"],
    ]);
    expect(added).toEqual(["asset_a"]);
  });

  it("retries a failed item and clears finished ones", async () => {
    const transport = fakeTransport();
    const queue = createUploadQueue({ upload: transport.upload });
    queue.add([file("a.jpg")]);
    transport.calls[0].reject(new Error("offline"));
    await flush();
    const [item] = queue.getSnapshot();
    expect(item.status).toBe("failed");

    queue.retry(item.id);
    expect(queue.getSnapshot()[0]).toMatchObject({ status: "uploading", message: null, progress: 0 });
    transport.calls[1].resolve({ status: "created", asset: asset("asset_a") });
    await flush();
    expect(queue.getSnapshot()[0].status).toBe("added");

    queue.clearFinished();
    expect(queue.getSnapshot()).toEqual([]);
  });

  it("notifies subscribers on every change", () => {
    const transport = fakeTransport();
    const queue = createUploadQueue({ upload: transport.upload });
    let notified = 0;
    const unsubscribe = queue.subscribe(() => {
      notified += 1;
    });
    queue.add([file("a.jpg")]);
    expect(notified).toBeGreaterThan(0);
    unsubscribe();
  });
});
