import { DataSource } from "typeorm";
import { afterEach, describe, expect, it } from "vitest";
import { advanceRevision, DataRevision, readRevision } from "../src/subgraph";

const opened: DataSource[] = [];

async function freshDatabase(): Promise<DataSource> {
  const db = await new DataSource({
    type: "better-sqlite3",
    database: ":memory:",
    entities: [DataRevision],
    synchronize: true,
  }).initialize();
  opened.push(db);
  return db;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

describe("a database's revision", () => {
  it("is 0 before the first write and moves on by one per write after it", async () => {
    const db = await freshDatabase();
    expect(await readRevision(db.manager)).toBe(0);
    await advanceRevision(db.manager);
    const first = await readRevision(db.manager);
    expect(first).toBeGreaterThan(0);
    await advanceRevision(db.manager);
    expect(await readRevision(db.manager)).toBe(first + 1);
  });

  it("starts elsewhere in a database seeded anew, so a gateway never takes new data for old", async () => {
    const starts = new Set<number>();
    for (let database = 0; database < 5; database++) {
      const db = await freshDatabase();
      await advanceRevision(db.manager);
      starts.add(await readRevision(db.manager));
    }
    expect(starts.size).toBe(5);
  });
});
