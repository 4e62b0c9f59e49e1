// `npm run import -- world <file>`: imports a twinning-pairs file in the world file's columns.
import { existsSync } from "node:fs";
import { closeDatabases, openDatabases } from "./databases";
import { describeWorldImport, terminalProgress } from "./report";
import { importWorldTwinnings, WORLD_COLUMNS } from "./world-import";

const USAGE = `usage: npm run import -- world <file.csv>\n  world: twinning pairs with the columns ${WORLD_COLUMNS.join(",")}`;

async function main(): Promise<void> {
  const [kind, file] = process.argv.slice(2);
  if (kind !== "world" || !file) throw new Error(USAGE);
  if (!existsSync(file)) throw new Error(`No such file: ${file}`);
  const databases = await openDatabases();
  try {
    const report = await importWorldTwinnings(databases, file, terminalProgress());
    console.log(describeWorldImport(report));
  } finally {
    await closeDatabases(databases);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
