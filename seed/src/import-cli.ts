// `npm run import -- <kind> <file>`: imports twinning pairs, Wikidata twinnings or keep.eu projects
// and prints what it did; called wrongly, it explains each kind's columns.
import { existsSync } from "node:fs";
import { closeDatabases, openDatabases } from "./databases";
import { IMPORT_COMMANDS, IMPORT_USAGE, runImport } from "./imports";
import { describeImport, terminalProgress } from "./report";

async function main(): Promise<void> {
  const [kind, file, ...rest] = process.argv.slice(2);
  const command = IMPORT_COMMANDS.find((candidate) => candidate.name === kind);
  if (!command || !file || rest.length > 0) throw new Error(IMPORT_USAGE);
  if (!existsSync(file)) throw new Error(`No such file: ${file}`);
  const databases = await openDatabases();
  try {
    const report = await runImport(command, databases, file, { progress: terminalProgress() });
    console.log(describeImport(report));
  } finally {
    await closeDatabases(databases);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
