// The repository's tests in three lanes (vitest projects), all run by `vitest run`, one by
// `vitest run --project <name>`: unit (each package's own tests), e2e (whole federations) and world
// (the world twinning file, imported once per run into a snapshot its tests copy). Workspace packages
// resolve to their TypeScript sources (the "source" export condition), so tests need no build.
import { createRequire } from "node:module";
import { configDefaults, defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** The test files that need the world file; they share the world project's snapshot. */
const WORLD_TESTS = ["test/e2e/world-*.test.ts"];

export default defineConfig({
  resolve: {
    conditions: ["source"],
    // Node loads graphql's CommonJS build for every dependency; sources must share that one instance.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "services/*/test/**/*.test.ts",
            "packages/*/test/**/*.test.ts",
            "tools/*/test/**/*.test.ts",
            "seed/test/**/*.test.ts",
            "widget/test/**/*.test.ts",
            "gateway/test/**/*.test.ts",
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...WORLD_TESTS],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "world",
          include: WORLD_TESTS,
          globalSetup: ["test/src/world-global-setup.ts"],
          testTimeout: 60_000,
          // a world test first waits for the snapshot the global setup is importing
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
