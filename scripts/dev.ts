/**
 * `npm run dev`: the API (restarted on change by tsx watch) behind Vite's dev
 * server with hot reload. Open the URL Vite prints; /api is proxied.
 */
import { spawn } from "node:child_process";

const apiPort = process.env.API_PORT ?? "5174";
const children = [
  spawn("npx", ["tsx", "watch", "server/main.ts"], {
    stdio: "inherit",
    env: { ...process.env, PORT: apiPort },
  }),
  spawn("npx", ["vite", "--port", process.env.PORT ?? "5173", "--strictPort"], {
    stdio: "inherit",
    env: { ...process.env, API_PORT: apiPort },
  }),
];

function stop(code: number) {
  for (const child of children) child.kill("SIGTERM");
  process.exit(code);
}
for (const child of children) child.on("exit", (code) => stop(code ?? 0));
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
