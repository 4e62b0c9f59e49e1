// The world project's global setup: starts importing the world file, once per run, into a snapshot
// that every world test copies (see world-snapshot.ts). The import runs in a process of its own, so
// the other lanes' tests use the machine meanwhile and only the world tests wait for it. Without the
// world file it provides null and the world tests skip, saying why. The snapshot goes after the run.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultWorldFile } from "@twingraph/seed";
import type { ProvidedContext } from "vitest";
import { spawnTypeScript } from "./typescript-process";

/** What the setup uses of vitest's TestProject, whose ES-module types this CommonJS package cannot import. */
interface TestProject {
  provide<Key extends keyof ProvidedContext>(key: Key, value: ProvidedContext[Key]): void;
}

export default function setup(project: TestProject): (() => void) | undefined {
  const worldFile = defaultWorldFile();
  if (!existsSync(worldFile)) {
    project.provide("worldSnapshot", null);
    return undefined;
  }
  const directory = mkdtempSync(path.join(tmpdir(), "twingraph-world-snapshot-"));
  const importer = spawnTypeScript(path.join(__dirname, "world-snapshot-cli.ts"), [directory, worldFile], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  project.provide("worldSnapshot", directory);
  return () => {
    if (importer.exitCode === null) importer.kill("SIGKILL");
    rmSync(directory, { recursive: true, force: true });
  };
}
