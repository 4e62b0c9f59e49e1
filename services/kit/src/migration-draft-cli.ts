// `npm run migration:draft -- <subgraph>`: the first draft of a subgraph's next migration. Runs its
// migrations on a scratch PostgreSQL schema, asks TypeORM what its entities still need, prints that
// SQL in the form the migrations are written in, and drops the schema. Review it before committing:
// TypeORM drops and re-adds what it cannot alter, which loses data a hand-written ALTER would keep.
import { randomBytes } from "node:crypto";
import { DataSource } from "typeorm";
import { loadSubgraphs } from "./subgraph-package";

const USAGE =
  "usage: npm run migration:draft -- <subgraph>   (DATABASE_URL or TEST_DATABASE_URL: postgres://...)";

function postgresUrl(): string {
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Error(`a PostgreSQL database is needed\n${USAGE}`);
  return url;
}

function asMigrationSql(query: string, schema: string): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: printed as the migrations' own placeholder
  return `\`${query.replaceAll(`"${schema}".`, "${s}.")}\`,`;
}

async function draft(name: string, url: string): Promise<string> {
  const [loaded] = await loadSubgraphs().then((all) => all.filter((entry) => entry.name === name));
  if (!loaded) throw new Error(`no subgraph "${name}" in schema/subgraphs.json\n${USAGE}`);
  const schema = `migration_draft_${name}_${randomBytes(4).toString("hex")}`;
  const database = await loaded.module.open({ url, schema });
  try {
    const { upQueries, downQueries } = await database.driver.createSchemaBuilder().log();
    if (upQueries.length === 0) return `${name}: the migrations already give what the entities describe`;
    const number = String(database.migrations.length + 1).padStart(4, "0");
    const className = `${name[0]!.toUpperCase()}${name.slice(1)}Change${Date.now()}`;
    return [
      `// services/${name}/src/migrations/${number}-<what-changed>.migration.ts, class ${className}`,
      "// up:",
      ...upQueries.map((query) => asMigrationSql(query.query, schema)),
      "// down:",
      ...downQueries.reverse().map((query) => asMigrationSql(query.query, schema)),
    ].join("\n");
  } finally {
    await database.destroy();
    const admin = await new DataSource({ type: "postgres", url }).initialize();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.destroy();
  }
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new Error(USAGE);
  console.log(await draft(name, postgresUrl()));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
