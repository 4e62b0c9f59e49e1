// What applying an edit makes of a record, the one rule the preview of a changeset and its commit
// share. Every applied edit adds its source to the record's sources; a restore brings back old
// values, sources, rank and reason exactly.
import { mergeSources, type SourceRecord } from "../sources";
import type { StagedEdit } from "./entities";
import type { RecordState } from "./records";
import { RecordRank } from "./versioned";

/** Keys an edit's values may not set: the record's sources (its source is added) and what the kit keeps. */
const FIXED_KEYS = ["sources", "version", "rank", "deprecationReason"];

/** The values an edit sets; an update never moves the record to another id. */
function patchOf(values: Readonly<Record<string, unknown>>, op: StagedEdit["op"]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([key]) => !FIXED_KEYS.includes(key) && !(op === "UPDATE" && key === "id")),
  );
}

function sourcesOf(state: RecordState | null): SourceRecord[] {
  const sources = state?.sources;
  return Array.isArray(sources) ? (sources as SourceRecord[]) : [];
}

/** The record after the edit, from the record before it (null when absent). */
export function editedState(
  edit: Pick<StagedEdit, "op" | "values" | "source">,
  before: RecordState | null,
): RecordState {
  const sources = mergeSources(sourcesOf(before), [edit.source]);
  switch (edit.op) {
    case "CREATE":
      return {
        ...patchOf(edit.values, edit.op),
        sources: [edit.source],
        rank: RecordRank.NORMAL,
        deprecationReason: null,
      };
    case "UPDATE":
      return {
        ...before,
        ...patchOf(edit.values, edit.op),
        sources,
        rank: before?.rank ?? RecordRank.NORMAL,
        deprecationReason: before?.deprecationReason ?? null,
      };
    case "DEPRECATE":
      return {
        ...before,
        sources,
        rank: RecordRank.DEPRECATED,
        deprecationReason: String(edit.values.reason),
      };
    case "RESTORE":
      return {
        ...edit.values,
        rank: (edit.values.rank as RecordRank | undefined) ?? RecordRank.NORMAL,
        deprecationReason: (edit.values.deprecationReason as string | null | undefined) ?? null,
      };
  }
}
