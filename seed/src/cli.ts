// `npm run seed [-- --force]`: seeds the databases from the sources and the world file.
import { closeDatabases, openDatabases } from "./databases";
import { describeSeed, terminalProgress } from "./report";
import { seed } from "./seed";
import { WORLD_FILE_HINT } from "./seed-state";

async function main(): Promise<void> {
  const databases = await openDatabases();
  try {
    const result = await seed(databases, {
      force: process.argv.includes("--force"),
      progress: terminalProgress(),
    });
    console.log(describeSeed(result));
    if (!result.worldFile) console.log(WORLD_FILE_HINT);
  } finally {
    await closeDatabases(databases);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
