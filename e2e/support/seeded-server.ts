/**
 * Extra Gumleaf servers for specs and benchmarks that need a library of
 * their own (playwright.config.ts starts one shared, empty server). Each one
 * runs `server/main.ts` on its own port over a temporary data folder; seeded
 * libraries start from bench/seed.ts's cached database, copied so that the
 * cache is never written to.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureSeededDb } from "../../bench/seed";

const ROOT = resolve(import.meta.dirname, "../..");

export interface RunningServer {
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** A temporary data folder holding a copy of the cached `count`-asset database. */
export function seededDataDir(count: number, opts: { seed?: number } = {}): { dataDir: string; libraryId: string } {
  const seeded = ensureSeededDb(count, { seed: opts.seed, log: (m) => console.log(m) });
  const dataDir = mkdtempSync(join(tmpdir(), `gumleaf-seeded-${count}-`));
  copyFileSync(seeded.file, join(dataDir, "gumleaf.db"));
  return { dataDir, libraryId: seeded.libraryId };
}

export function emptyDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), "gumleaf-e2e-own-"));
  mkdirSync(dataDir, { recursive: true });
  return dataDir;
}

/** Starts `server/main.ts` (which serves the built app from dist/) and waits for it to answer. */
export async function startServer(
  dataDir: string,
  { removeOnStop = true, env = {} }: { removeOnStop?: boolean; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(ROOT, "server/main.ts")], {
    cwd: ROOT,
    // Empty values override a developer's .env: tests never reach a hosted library or need a key.
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      GUMNUT_BASE_URL: "",
      GUMNUT_API_KEY: "",
      GUMLEAF_API_KEY: "",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`The server on ${dataDir} exited during start-up`);
    // Any answer means it is up: a server forwarding to Gumnut with a refused key answers 401 here.
    const answered = await fetch(`${url}/api/server/ping`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`The server on ${dataDir} did not answer within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    dataDir,
    stop: async () => {
      if (!exited) {
        const done = new Promise<void>((r) => child.once("exit", () => r()));
        child.kill("SIGTERM");
        await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
        if (!exited) child.kill("SIGKILL");
      }
      if (removeOnStop) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Uploads a fixture photo to a server the way the app does, returning the created asset's id. */
export async function uploadFixture(url: string, path: string, name: string): Promise<string> {
  const form = new FormData();
  const now = new Date().toISOString();
  form.set("asset_data", new Blob([readFileSync(path)]), name);
  form.set("device_id", "e2e");
  form.set("device_asset_id", `e2e-${name}`);
  form.set("file_created_at", now);
  form.set("file_modified_at", now);
  const res = await fetch(`${url}/api/assets`, { method: "POST", body: form });
  if (!res.ok && res.status !== 200) throw new Error(`upload of ${name} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
