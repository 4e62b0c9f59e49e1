// The world project's global setup: imports the world file once per run into a snapshot that every
// world test copies (see world-snapshot.ts), and removes it after the run. Without the world file it
// provides null and the world tests skip, saying why.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultWorldFile } from "@twingraph/seed";
import type { ProvidedContext } from "vitest";
import { writeWorldSnapshot } from "./world-snapshot";

/** What the setup uses of vitest's TestProject, whose ES-module types this CommonJS package cannot import. */
interface TestProject {
  provide<Key extends keyof ProvidedContext>(key: Key, value: ProvidedContext[Key]): void;
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const worldFile = defaultWorldFile();
  if (!existsSync(worldFile)) {
    project.provide("worldSnapshot", null);
    return undefined;
  }
  const directory = mkdtempSync(path.join(tmpdir(), "twingraph-world-snapshot-"));
  try {
    await writeWorldSnapshot(directory, worldFile);
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  project.provide("worldSnapshot", directory);
  return () => rmSync(directory, { recursive: true, force: true });
}
