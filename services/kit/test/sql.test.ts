// SqlStatement.records: rows passed as one JSON parameter come back as a table with their values
// as they were (a double exactly, a null as null); a column name is written into the statement, so
// one that is not plain letters and digits is refused before any SQL is made.
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlStatement } from "../src/sql";

let db: DataSource;

beforeAll(async () => {
  db = new DataSource({ type: "better-sqlite3", database: ":memory:" });
  await db.initialize();
});

afterAll(() => db.destroy());

describe("SqlStatement.records", () => {
  it("reads the rows back as a table, doubles exact and nulls kept", async () => {
    const rows = [
      { id: "p-a", km: 0.1 + 0.2 },
      { id: "p-b", km: null },
      { id: "it's", km: 5e-324 },
    ];
    const sql = new SqlStatement(db);
    const from = sql.records("v", { id: "text", km: "double precision" }, rows);
    const read = await db.query(`SELECT "id", "km" FROM ${from} ORDER BY "id"`, sql.values);
    expect(read).toEqual([...rows].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it("refuses a column name that is not letters and digits", () => {
    const sql = new SqlStatement(db);
    expect(() => sql.records("v", { 'id" text, "x': "text" }, [])).toThrow(/not a plain column name/);
    expect(sql.values).toEqual([]);
  });
});
