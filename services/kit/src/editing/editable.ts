// What a subgraph tells the kit about each entity it lets people edit: how to read a record's
// editable values as plain JSON (what history stores and diffs show) and how to write them back
// through the subgraph's one write path (ingest.ts). The kit does the rest: staging, versions,
// conflicts, applying, history, deprecation and reverts.
import type { EntityManager, ObjectLiteral } from "typeorm";
import type { EditOp } from "./entities";
import type { VersionedRecord } from "./versioned";

export type RecordValues = Record<string, unknown>;

export interface EditableEntity<V extends RecordValues = RecordValues> {
  /** the GraphQL type name: "City" */
  name: string;
  /** the TypeORM entity (extends VersionedRecord, keyed by a text `id`) whose version and rank the kit moves */
  target: new () => VersionedRecord & { id: string } & ObjectLiteral;
  /**
   * The current editable values of these records, deprecated ones too; absent ids are left out.
   * Values are plain JSON and include `sources` (the record's SourceRecord list): applying an edit
   * appends the edit's source to them, and restoring old values restores the old sources exactly.
   */
  snapshot(manager: EntityManager, ids: readonly string[]): Promise<Map<string, V>>;
  /**
   * Writes these values (a snapshot's shape, `sources` included) as the record's whole editable
   * state, creating the record when it is absent, through the subgraph's ingest.ts, index rows
   * (members, links) included. Never touches version, rank or deprecationReason: the kit does.
   */
  write(manager: EntityManager, id: string, values: V): Promise<void>;
  /**
   * Checks values before they are staged (CREATE: all; UPDATE: the patch): throws BAD_USER_INPUT
   * naming the field, e.g. an unknown city id or a date in the wrong form. A reference to a record
   * of this subgraph may also name one the same changeset proposes to create (`proposedInChangeset`).
   */
  validate?(manager: EntityManager, values: Partial<V>, op: EditOp, changesetId: string): Promise<void>;
}

/** The editable entities of one subgraph, by GraphQL type name. */
export class EditRegistry {
  private readonly byName: Map<string, EditableEntity>;

  constructor(
    readonly subgraph: string,
    // each entity has its own value shape: `never` would refuse every one (snapshot returns them)
    // biome-ignore lint/suspicious/noExplicitAny: entities of any value shape
    entities: readonly EditableEntity<any>[],
  ) {
    this.byName = new Map(entities.map((entity) => [entity.name, entity as unknown as EditableEntity]));
  }

  get(name: string): EditableEntity {
    const entity = this.byName.get(name);
    if (!entity) throw new Error(`The ${this.subgraph} subgraph does not edit ${name} records.`);
    return entity;
  }

  get entities(): EditableEntity[] {
    return [...this.byName.values()];
  }
}
