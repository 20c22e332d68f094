/**
 * zod's settings for the whole app. Imported first by main.tsx, before any
 * schema is built.
 *
 * `jitless`: zod compiles object parsers with `new Function` when it may, and
 * finds out by trying. The app's Content-Security-Policy has no
 * 'unsafe-eval', so that try failed and was reported as a CSP violation on
 * every page load (a `securitypolicyviolation` event, and a report to any
 * report-uri). Without eval zod parses the same way it already did here.
 */
import { config } from "zod";

config({ jitless: true });
