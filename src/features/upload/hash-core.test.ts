import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Blob, toBase64 } from "./hash-core";

const nodeSha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("base64");

/**
 * A Blob of `size` bytes that exists only as slices: each `slice().arrayBuffer()`
 * generates its bytes on demand. It records the largest slice asked for and how
 * many reads were outstanding at once, so a test can prove the hash streams.
 */
class VirtualBlob {
  maxSlice = 0;
  maxOutstanding = 0;
  private outstanding = 0;
  constructor(
    readonly size: number,
    private readonly byteAt: (i: number) => number,
  ) {}
  slice(start: number, end: number) {
    const length = Math.max(0, Math.min(end, this.size) - start);
    this.maxSlice = Math.max(this.maxSlice, length);
    return {
      arrayBuffer: async () => {
        this.outstanding += 1;
        this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
        await new Promise((r) => setTimeout(r, 0));
        const bytes = new Uint8Array(length);
        for (let i = 0; i < length; i++) bytes[i] = this.byteAt(start + i);
        this.outstanding -= 1;
        return bytes.buffer;
      },
    };
  }
}

describe("sha256Blob", () => {
  it("gives the known SHA-256 digests, as standard padded base64", async () => {
    // FIPS 180-2 test vectors.
    expect(await sha256Blob(new Blob([]))).toBe("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    expect(await sha256Blob(new Blob(["abc"]))).toBe(
      Buffer.from("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "hex").toString("base64"),
    );
    const million = new Blob([new Uint8Array(1_000_000).fill(0x61)]);
    expect(await sha256Blob(million, { chunkBytes: 65_536 })).toBe(
      Buffer.from("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "hex").toString("base64"),
    );
  });

  it("equals node:crypto's one-shot digest whatever the chunk size", async () => {
    const bytes = new Uint8Array(randomBytes(3 * 1024 * 1024 + 17));
    // Small chunks over a small prefix (block-boundary cases), large chunks over all of it.
    const cases: Array<[number, number]> = [
      [1, 4099],
      [63, 20_000],
      [64, 20_000],
      [65, 20_000],
      [4096, bytes.length],
      [1_000_003, bytes.length],
      [8 * 1024 * 1024, bytes.length],
    ];
    for (const [chunkBytes, length] of cases) {
      const input = bytes.subarray(0, length);
      expect(await sha256Blob(new Blob([input]), { chunkBytes }), `chunk ${chunkBytes}`).toBe(nodeSha256(input));
    }
  });

  it("streams: reads at most two chunks at a time, never the whole file", async () => {
    const size = 40 * 1024 * 1024 + 5;
    const byteAt = (i: number) => (i * 31 + (i >> 8)) & 0xff;
    const blob = new VirtualBlob(size, byteAt);
    const progress: number[] = [];
    const checksum = await sha256Blob(blob as unknown as Blob, {
      chunkBytes: 4 * 1024 * 1024,
      onProgress: (bytes) => progress.push(bytes),
    });

    const whole = new Uint8Array(size);
    for (let i = 0; i < size; i++) whole[i] = byteAt(i);
    expect(checksum).toBe(nodeSha256(whole));
    expect(blob.maxSlice).toBe(4 * 1024 * 1024);
    expect(blob.maxOutstanding).toBeLessThanOrEqual(2);
    expect(progress.at(-1)).toBe(size);
    expect(progress).toHaveLength(11);
  });

  it("stops between chunks when cancelled", async () => {
    let calls = 0;
    const run = sha256Blob(new Blob([new Uint8Array(1024)]), {
      chunkBytes: 100,
      isCancelled: () => ++calls > 3,
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(calls).toBe(4);
  });

  it("can hash again after a cancelled run (the shared hasher is reset)", async () => {
    await expect(
      sha256Blob(new Blob([new Uint8Array(1000)]), { chunkBytes: 10, isCancelled: () => true }),
    ).rejects.toThrow();
    expect(await sha256Blob(new Blob(["abc"]))).toBe(nodeSha256(new TextEncoder().encode("abc")));
  });
});

describe("toBase64", () => {
  it("encodes standard base64 with padding, for large inputs too", () => {
    expect(toBase64(new Uint8Array([]))).toBe("");
    expect(toBase64(new Uint8Array([0xfb, 0xff]))).toBe("+/8=");
    const big = new Uint8Array(randomBytes(100_000));
    expect(toBase64(big)).toBe(Buffer.from(big).toString("base64"));
  });
});
