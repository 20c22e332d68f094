import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const apiPort = Number(process.env.API_PORT ?? 5174);

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: {
    host: "127.0.0.1",
    // With GUMLEAF_API_KEY set, the dev page has no session cookie (Vite serves it), so the proxy adds the key.
    proxy: {
      "/api": {
        target: `http://127.0.0.1:${apiPort}`,
        changeOrigin: false,
        headers: process.env.GUMLEAF_API_KEY ? { Authorization: `Bearer ${process.env.GUMLEAF_API_KEY}` } : {},
      },
    },
  },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "server/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
