// insertRows writes its own INSERTs: each value must be stored exactly as TypeORM's insert stores it
// (JSON, booleans, defaults, nulls), a conflicting row may be skipped, and a long list is split into
// statements within the database's bound-parameter limit. On in-memory SQLite, and on PostgreSQL in
// scratch schemas where TEST_DATABASE_URL names a database.
import { AbstractLogger, Column, DataSource, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";
import { afterEach, describe, expect, it } from "vitest";
import { BATCH_SIZE, insertRows } from "../src/batches";

@Entity("sample")
@Unique(["label", "tag"])
class Sample {
  @PrimaryGeneratedColumn("increment")
  id!: number;

  @Column("text")
  label!: string;

  @Column("text", { name: "tag_text", default: "" })
  tag!: string;

  @Column("integer", { nullable: true })
  count!: number | null;

  @Column("double precision", { nullable: true })
  latitude!: number | null;

  @Column("boolean")
  open!: boolean;

  @Column("simple-json")
  details!: { names: string[]; note?: string };

  @Column("simple-json", { nullable: true })
  extra!: { nested: { deep: number[] } } | null;
}

/** Rows as the seed writes them: every kind of value, a default left out, nulls, text that needs escaping. */
const ROWS: Partial<Sample>[] = [
  {
    label: "Pond",
    tag: "a",
    count: 4,
    latitude: 46.056946,
    open: true,
    details: { names: ["Ribnik"] },
    extra: null,
  },
  { label: "Pond", count: null, latitude: null, open: false, details: { names: [], note: 'say "hi"' } },
  {
    label: "Škofja Loka's; DROP",
    tag: "b",
    count: 0,
    latitude: -0.1,
    open: true,
    details: { names: ["Москва", "ü"] },
    extra: { nested: { deep: [1, 2.5] } },
  },
];

/** Counts the INSERT statements sent. */
class InsertCounter extends AbstractLogger {
  count = 0;

  logQuery(query: string): void {
    if (query.startsWith("INSERT")) this.count += 1;
  }

  protected writeLog(): void {}
}

const url = process.env.TEST_DATABASE_URL;
const opened: DataSource[] = [];

async function openSqlite(counter?: InsertCounter): Promise<DataSource> {
  const db = await new DataSource({
    type: "better-sqlite3",
    database: ":memory:",
    entities: [Sample],
    synchronize: true,
    logger: counter,
    logging: counter ? ["query"] : false,
  }).initialize();
  opened.push(db);
  return db;
}

async function openPostgres(counter?: InsertCounter): Promise<DataSource> {
  const schema = `scratch_kit_batches_${opened.length}`;
  const admin = await new DataSource({ type: "postgres", url }).initialize();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.destroy();
  const db = await new DataSource({
    type: "postgres",
    url,
    schema,
    entities: [Sample],
    synchronize: true,
    logger: counter,
    logging: counter ? ["query"] : false,
  }).initialize();
  opened.push(db);
  return db;
}

/** Every stored row as the database gives it, without the generated id. */
async function storedRows(db: DataSource): Promise<Record<string, unknown>[]> {
  const table = db.getMetadata(Sample).tablePath;
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT * FROM ${table
      .split(".")
      .map((part) => `"${part}"`)
      .join(".")} ORDER BY "id"`,
  );
  return rows.map(({ id: _id, ...row }) => row);
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

const databases = [
  { name: "SQLite", open: openSqlite },
  ...(url ? [{ name: "PostgreSQL", open: openPostgres }] : []),
];

describe.each(databases)("insertRows on $name", ({ open }) => {
  it("stores each value exactly as TypeORM's insert stores it", async () => {
    const byTypeOrm = await open();
    const byInsertRows = await open();
    await byTypeOrm.getRepository(Sample).insert(ROWS);
    await insertRows(byInsertRows.manager, Sample, ROWS);
    const expected = await storedRows(byTypeOrm);
    expect(expected).toHaveLength(ROWS.length);
    expect(await storedRows(byInsertRows)).toEqual(expected);
    // and reads back through TypeORM as the values written
    const read = await byInsertRows.getRepository(Sample).find({ order: { id: "ASC" } });
    expect(read.map((row) => [row.tag, row.open, row.details, row.extra])).toEqual([
      ["a", true, { names: ["Ribnik"] }, null],
      ["", false, { names: [], note: 'say "hi"' }, null],
      ["b", true, { names: ["Москва", "ü"] }, { nested: { deep: [1, 2.5] } }],
    ]);
  });

  it("leaves out the rows that conflict with a unique key when asked, and fails on them otherwise", async () => {
    const db = await open();
    await insertRows(db.manager, Sample, [ROWS[0]]);
    const again = { ...ROWS[0], count: 99 };
    await expect(insertRows(db.manager, Sample, [again])).rejects.toThrow();
    await insertRows(db.manager, Sample, [again, ROWS[1]], { onConflict: "ignore" });
    const rows = await db.getRepository(Sample).find({ order: { id: "ASC" } });
    expect(rows.map((row) => [row.label, row.tag, row.count])).toEqual([
      ["Pond", "a", 4],
      ["Pond", "", null],
    ]);
  });

  it("splits a long list into statements of at most BATCH_SIZE rows, and sends none for no rows", async () => {
    const counter = new InsertCounter();
    const db = await open(counter);
    await insertRows(db.manager, Sample, []);
    expect(counter.count).toBe(0);
    const many = Array.from({ length: 2 * BATCH_SIZE + 1 }, (_, index) => ({
      label: `bench ${index}`,
      open: index % 2 === 0,
      details: { names: [] },
    }));
    await insertRows(db.manager, Sample, many);
    expect(counter.count).toBe(3);
    expect(await db.getRepository(Sample).count()).toBe(many.length);
  });
});
