/**
 * Chromium driven over a bare DevTools connection, for benchmarks whose
 * numbers are frame times.
 *
 * Playwright turns on the DevTools Network domain for every page it controls,
 * and has no switch to leave it off. With it on, every request the page makes
 * is reported over the connection: serialised in the renderer and in the
 * browser process, several events each. A jump in the timeline starts some 50
 * thumbnail requests at once, so on a two-core machine the reports compete
 * with the raster thread that decodes those thumbnails. Measured with this
 * driver, the same jumps with and without `Network.enable` on the page: 4.1%
 * of frames late against 3.2% (images library), 6.5% against 3.4% (all
 * thumbnails 404). A person's browser has no DevTools attached, so the
 * benchmark measures without them.
 *
 * Only the domains the benchmark needs are used: Target, Page (navigation and
 * the init script), Runtime (evaluate), Input, Emulation (the viewport) and
 * Performance (the heap).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import CDP from "chrome-remote-interface";
import type ProtocolMappingApi from "devtools-protocol/types/protocol-mapping";

type Commands = ProtocolMappingApi.Commands;
type Params<M extends keyof Commands> = Commands[M]["paramsType"][0];
type Result<M extends keyof Commands> = Commands[M]["returnType"];

export interface BarePage {
  send<M extends keyof Commands>(method: M, params?: Params<M>): Promise<Result<M>>;
  /** Runs before any of the page's own scripts, on every navigation. */
  addInitScript(source: string): Promise<void>;
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  /** The expression's value (awaited if it is a promise), as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  mouse: {
    move(x: number, y: number): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
    wheel(deltaX: number, deltaY: number): Promise<void>;
  };
  close(): Promise<void>;
}

export interface BareBrowser {
  /** A page in a browser context of its own (no shared cache or storage), with this viewport. */
  newPage(viewport: { width: number; height: number }): Promise<BarePage>;
  close(): Promise<void>;
}

/** Debian's chromium where there is one (no download here), else Playwright's own. */
function executable(): string {
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)) ?? chromium.executablePath();
}

/** Much of what Playwright passes to a headless Chromium, minus what only automation needs. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-default-apps",
  "--disable-dev-shm-usage",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
  "--disable-renderer-backgrounding",
  "--disable-hang-monitor",
  "--force-color-profile=srgb",
  "--hide-scrollbars",
  "--mute-audio",
  "--no-first-run",
  "--no-default-browser-check",
  "--remote-debugging-port=0",
];

function devtoolsUrl(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        proc.stderr?.off("data", onData);
        proc.stderr?.resume();
        resolve(match[1]);
      }
    };
    proc.stderr?.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`Chromium exited (${code}) before DevTools listened:\n${seen}`)));
    proc.once("error", reject);
  });
}

export async function launchBareChromium(): Promise<BareBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "gumleaf-bench-chromium-"));
  const proc = spawn(executable(), [...ARGS, `--user-data-dir=${profile}`, "about:blank"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const client = await CDP({ target: await devtoolsUrl(proc) });
  const send = <M extends keyof Commands>(method: M, params?: Params<M>, sessionId?: string) =>
    client.send(method, params, sessionId) as Promise<Result<M>>;
  /** Per page session: what to call on its next load event. */
  const onLoad = new Map<string, () => void>();
  client.on("event", ({ method, sessionId }) => {
    if (method !== "Page.loadEventFired" || sessionId === undefined) return;
    onLoad.get(sessionId)?.();
    onLoad.delete(sessionId);
  });

  return {
    async newPage(viewport) {
      const { browserContextId } = await send("Target.createBrowserContext", {});
      const { targetId } = await send("Target.createTarget", { url: "about:blank", browserContextId });
      const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
      const inPage = <M extends keyof Commands>(method: M, params?: Params<M>) => send(method, params, sessionId);
      await inPage("Page.enable");
      await inPage("Emulation.setDeviceMetricsOverride", { ...viewport, deviceScaleFactor: 1, mobile: false });
      const pointer = { x: 0, y: 0, buttons: 0 };
      const mouseEvent = (type: "mouseMoved" | "mousePressed" | "mouseReleased") =>
        inPage("Input.dispatchMouseEvent", {
          type,
          x: pointer.x,
          y: pointer.y,
          buttons: pointer.buttons,
          ...(type === "mouseMoved" ? {} : { button: "left" as const, clickCount: 1 }),
        }).then(() => undefined);
      return {
        send: inPage,
        async addInitScript(source) {
          await inPage("Page.addScriptToEvaluateOnNewDocument", { source });
        },
        async goto(url) {
          const loaded = new Promise<void>((resolve) => onLoad.set(sessionId, resolve));
          const { errorText } = await inPage("Page.navigate", { url });
          if (errorText) throw new Error(`${url}: ${errorText}`);
          await loaded;
        },
        async evaluate<T>(expression: string) {
          const { result, exceptionDetails } = await inPage("Runtime.evaluate", {
            expression,
            returnByValue: true,
            awaitPromise: true,
          });
          if (exceptionDetails) {
            throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
          }
          return result.value as T;
        },
        mouse: {
          move(x, y) {
            pointer.x = x;
            pointer.y = y;
            return mouseEvent("mouseMoved");
          },
          down() {
            pointer.buttons = 1;
            return mouseEvent("mousePressed");
          },
          up() {
            pointer.buttons = 0;
            return mouseEvent("mouseReleased");
          },
          async wheel(deltaX, deltaY) {
            await inPage("Input.dispatchMouseEvent", {
              type: "mouseWheel",
              x: pointer.x,
              y: pointer.y,
              deltaX,
              deltaY,
            });
          },
        },
        async close() {
          await send("Target.disposeBrowserContext", { browserContextId });
        },
      };
    },
    async close() {
      const exited = new Promise((resolve) => (proc.exitCode !== null ? resolve(null) : proc.once("exit", resolve)));
      // Closed through DevTools, so that it shuts its helper processes down; killed if it does not.
      await send("Browser.close").catch(() => undefined);
      const killer = setTimeout(() => proc.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
      await client.close().catch(() => undefined);
      // A helper process can still be writing into the profile for a moment after the browser exits.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
