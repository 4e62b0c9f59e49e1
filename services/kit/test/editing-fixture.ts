// A toy editable entity for the kit's editing tests: park benches (fictional test values), with the
// editing tables beside them, on in-memory SQLite or in a scratch PostgreSQL schema.
import { Column, type DataSource, Entity, type EntityManager, In, PrimaryColumn } from "typeorm";
import { DataRevision } from "../src/data-revision";
import { openDatabase } from "../src/database";
import {
  type EditableEntity,
  EditRegistry,
  editingEntities,
  requireSource,
  type StageRequest,
  VersionedRecord,
} from "../src/editing";
import { badUserInput } from "../src/errors";
import type { SourceRecord } from "../src/sources";
import { createContext, type SubgraphContext } from "../src/subgraph-server";
import type { Viewer } from "../src/viewer";

@Entity("bench")
export class Bench extends VersionedRecord {
  @PrimaryColumn("text")
  id!: string;

  @Column("text")
  name!: string;

  @Column("integer", { nullable: true })
  seats!: number | null;

  @Column("simple-json")
  sources!: SourceRecord[];
}

export interface BenchValues extends Record<string, unknown> {
  id: string;
  name: string;
  seats: number | null;
  sources: SourceRecord[];
}

export const benches: EditableEntity<BenchValues> = {
  name: "Bench",
  target: Bench,
  async snapshot(manager, ids) {
    const rows = await manager.getRepository(Bench).findBy({ id: In([...ids]) });
    return new Map(
      rows.map((row) => [row.id, { id: row.id, name: row.name, seats: row.seats, sources: row.sources }]),
    );
  },
  async write(manager, id, values) {
    const fields = { name: values.name, seats: values.seats ?? null, sources: values.sources };
    const repository = manager.getRepository(Bench);
    if (await repository.existsBy({ id })) await repository.update({ id }, fields);
    else await repository.insert({ id, ...fields });
  },
  async validate(_manager, values) {
    if (typeof values.seats === "number" && values.seats < 0)
      throw badUserInput("input.seats", "must be 0 or more");
  },
};

export const registry = new EditRegistry("parks", [benches]);

export const ana: Viewer = { subject: "u-ana", name: "Ana Test", role: "contributor" };
export const boris: Viewer = { subject: "u-boris", name: "Boris Test", role: "contributor" };
export const eva: Viewer = { subject: "u-eva", name: "Eva Test", role: "editor" };

export const source = {
  document: "Test register of park benches",
  quote: "The bench by the pond has four seats.",
  language: "en",
};
export const otherSource = {
  document: "Test register of park benches, second edition",
  quote: "The bench by the pond has six seats.",
  language: "en",
};
/** The sources as an applied edit stores them. */
export const stored = requireSource(source);
export const otherStored = requireSource(otherSource);

export const ENTITIES = [Bench, DataRevision, ...editingEntities];

/** An in-memory SQLite database with the toy entity, or a scratch schema when given a PostgreSQL url. */
export function openParks(url = ":memory:", schema?: string): Promise<DataSource> {
  return openDatabase({ name: "parks", entities: ENTITIES, url, schema });
}

export function as(db: DataSource, viewer: Viewer | null): SubgraphContext {
  return createContext(db, undefined, viewer);
}

export function createRequest(
  changesetId: string,
  id: string,
  values: Partial<BenchValues> = {},
): StageRequest {
  return {
    changesetId,
    entity: "Bench",
    recordId: id,
    op: "CREATE",
    values: { id, name: "Pond bench", seats: 4, ...values },
    source,
  };
}

export function updateRequest(
  changesetId: string,
  id: string,
  baseVersion: number | null,
  values: Partial<BenchValues>,
  edited = otherSource,
): StageRequest {
  return { changesetId, entity: "Bench", recordId: id, op: "UPDATE", baseVersion, values, source: edited };
}

export function deprecateRequest(
  changesetId: string,
  id: string,
  baseVersion: number,
  reason: string,
): StageRequest {
  return {
    changesetId,
    entity: "Bench",
    recordId: id,
    op: "DEPRECATE",
    baseVersion,
    values: { reason },
    source,
  };
}

export function benchRow(manager: EntityManager, id: string): Promise<Bench | null> {
  return manager.getRepository(Bench).findOneBy({ id });
}

/** The code of the GraphQL error a promise rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code ?? (error as Error).message;
  }
  return "no error";
}
