// What every database of a federation holds, table by table: its row count and a hash of its rows,
// so that a test can show that a refused write changed nothing anywhere, the staged edits, record
// versions, revisions and changesets included.
import { createHash } from "node:crypto";
import type { Databases } from "@twingraph/seed";
import type { DataSource } from "typeorm";

/** "<database>.<table>" → "<rows>:<sha256 of the rows>" */
export type Fingerprint = Record<string, string>;

export async function fingerprint(databases: Databases): Promise<Fingerprint> {
  const print: Fingerprint = {};
  for (const [name, db] of Object.entries(databases) as [string, DataSource][]) {
    for (const { table, from } of await tablesOf(db)) {
      const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM ${from}`);
      const lines = rows.map((row) => JSON.stringify(row)).sort();
      const hash = createHash("sha256").update(lines.join("\n")).digest("hex");
      print[`${name}.${table}`] = `${rows.length}:${hash}`;
    }
  }
  return print;
}

/** Every table of the database, and how a query names it: SQLite's, or those of its PostgreSQL schema. */
async function tablesOf(db: DataSource): Promise<{ table: string; from: string }[]> {
  if (db.options.type === "postgres") {
    const schema = (db.options.schema as string | undefined) ?? "public";
    const rows: { name: string }[] = await db.query(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
      [schema],
    );
    return rows.map(({ name }) => ({ table: name, from: `"${schema}"."${name}"` }));
  }
  const rows: { name: string }[] = await db.query(
    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
  );
  return rows.map(({ name }) => ({ table: name, from: `"${name}"` }));
}
