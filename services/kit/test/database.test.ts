// Which way each database gets its tables: PostgreSQL only through the subgraph's migrations, each
// schema with its own migrations table; SQLite by synchronize.
import { describe, expect, it } from "vitest";
import { dataSourceOptions } from "../src/database";

class Baseline1795247628000 {}

describe("dataSourceOptions", () => {
  const postgres = "postgres://postgres@127.0.0.1:5432/test";

  it("migrates PostgreSQL in the subgraph's schema (openDatabase runs them, under a lock) and never synchronizes", () => {
    const options = dataSourceOptions({
      name: "cities",
      entities: [],
      migrations: [Baseline1795247628000],
      url: postgres,
    });
    expect(options).toMatchObject({
      type: "postgres",
      schema: "cities",
      synchronize: false,
      migrationsRun: false,
      migrationsTableName: "migrations",
      migrations: [Baseline1795247628000],
    });
  });

  it("takes a schema name other than the subgraph's for scratch databases", () => {
    expect(
      dataSourceOptions({ name: "cities", schema: "scratch_cities", entities: [], url: postgres }),
    ).toMatchObject({
      schema: "scratch_cities",
    });
  });

  it("synchronizes a SQLite database and runs no migrations there", () => {
    const options = dataSourceOptions({
      name: "cities",
      entities: [],
      migrations: [Baseline1795247628000],
      url: ":memory:",
    });
    expect(options).toMatchObject({ type: "better-sqlite3", synchronize: true });
    expect(options.migrationsRun).toBeFalsy();
    expect(options.migrations).toBeUndefined();
  });
});
