import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: { "~": `${root}app` },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    // Browser tests on a loaded 2-core machine can take a while; a hang still fails, just later.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A page that answers in 2 s on a busy machine is still right: polls wait up to 20 s
    // (the default second only suits a quiet machine), and a real failure still fails.
    expect: { poll: { timeout: 20_000 } },
    // Two cores: browser tests each start a server and a browser.
    maxWorkers: 2,
  },
});
