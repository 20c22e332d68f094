/**
 * `npm test`: every check, each reported even when another one failed.
 * Type check, lint + format, unit and API tests (vitest), production build,
 * then browser tests (Playwright) against that build.
 */
import { spawnSync } from "node:child_process";

interface Step {
  name: string;
  cmd: string;
  args: string[];
  needs?: string;
}

const steps: Step[] = [
  { name: "typecheck", cmd: "npx", args: ["tsc", "--noEmit", "-p", "tsconfig.json"] },
  { name: "lint", cmd: "npx", args: ["biome", "check", "."] },
  { name: "unit+api", cmd: "npx", args: ["vitest", "run"] },
  { name: "build", cmd: "npx", args: ["vite", "build", "--logLevel", "warn"] },
  { name: "e2e", cmd: "npx", args: ["playwright", "test"], needs: "build" },
];

const results = new Map<string, boolean>();
for (const step of steps) {
  if (step.needs && !results.get(step.needs)) {
    console.log(`\n=== ${step.name}: not run, ${step.needs} failed ===`);
    results.set(step.name, false);
    continue;
  }
  console.log(`\n=== ${step.name}: ${step.cmd} ${step.args.join(" ")} ===`);
  const started = Date.now();
  const r = spawnSync(step.cmd, step.args, { stdio: "inherit", env: process.env });
  const ok = r.status === 0;
  results.set(step.name, ok);
  console.log(`=== ${step.name}: ${ok ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
}

const failed = [...results].filter(([, ok]) => !ok).map(([name]) => name);
const passed = results.size - failed.length;
console.log(`\nchecks: ${[...results].map(([n, ok]) => `${n} ${ok ? "ok" : "FAILED"}`).join(", ")}`);
console.log(`${passed} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
