// Runs a TypeScript entry point of the workspace in a `node` process of its own, from the sources as
// vitest runs them (no build needed): workspace packages resolve to their "source" export and each
// .ts file is compiled on require by typescript-hook.cjs.
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import path from "node:path";

const HOOK = path.join(__dirname, "typescript-hook.cjs");

export function spawnTypeScript(
  entry: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  return spawn(process.execPath, ["--conditions=source", "--require", HOOK, entry, ...args], options);
}
