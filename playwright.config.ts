import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests run against the real server (built app + API, one process) on
 * a fresh data folder. Debian's Chromium is used when it is installed, since
 * Playwright cannot download its own browser on machines without internet;
 * elsewhere Playwright's bundled Chromium is used.
 */
const port = Number(process.env.E2E_PORT ?? 5199);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "gumleaf-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  // On CI one retry, so that a machine busier than usual does not sink a run; Playwright still
  // lists a test that passed only on its retry as "flaky", and that is read as a bug to fix.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "npx tsx server/main.ts",
    url: `http://127.0.0.1:${port}/api/server/ping`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Empty values override a developer's .env, so tests never reach a hosted library.
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      GUMNUT_BASE_URL: "",
      GUMNUT_API_KEY: "",
      GUMLEAF_API_KEY: "",
    },
  },
});
