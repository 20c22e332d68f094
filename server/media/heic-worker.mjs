// Worker thread for heic-decode: libheif compiled to wasm decodes synchronously
// (over a second for a 12 MP photo), which would otherwise stall the server's event loop.
// Plain JavaScript so it starts the same under tsx, vitest and node.
import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import decode from "heic-decode";

parentPort?.on("message", async ({ id, path }) => {
  try {
    const { width, height, data } = await decode({ buffer: await readFile(path) });
    parentPort?.postMessage({ id, width, height, data }, [data.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
