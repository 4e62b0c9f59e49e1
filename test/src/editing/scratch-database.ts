// A PostgreSQL database of a test's own on the server TEST_DATABASE_URL names, so that its subgraph
// schemas (named after the subgraphs) meet no other test's, however many run at once.
import { randomBytes } from "node:crypto";
import { DataSource } from "typeorm";

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function asAdmin<T>(serverUrl: string, work: (admin: DataSource) => Promise<T>): Promise<T> {
  const admin = await new DataSource({ type: "postgres", url: serverUrl }).initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

export async function createScratchDatabase(serverUrl: string, purpose: string): Promise<ScratchDatabase> {
  const name = `twingraph_${purpose}_${randomBytes(4).toString("hex")}`;
  await asAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}
