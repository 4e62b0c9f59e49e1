// One vitest run for the whole repository. Workspace packages resolve to their TypeScript sources
// (the "source" export condition), so tests need no build.
import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    conditions: ["source"],
    // Node loads graphql's CommonJS build for every dependency; sources must share that one instance.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: [
      "services/*/test/**/*.test.ts",
      "seed/test/**/*.test.ts",
      "gateway/test/**/*.test.ts",
      "widget/test/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
