// Values compared and shown as JSON: history and diffs hold plain JSON, compared with keys in a
// fixed order so that two snapshots of the same record never differ by key order alone.
import type { FieldChange } from "./history-types";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * JSON text with every object's keys sorted and its null fields left out: values that mean the
 * same (a source stored with `"url": null` and one written without a url) give the same text.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(normalized(value as Json)) ?? "null";
}

function normalized(value: Json): Json {
  if (Array.isArray(value)) return value.map(normalized);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => value[key] !== null && value[key] !== undefined)
      .sort()
      .map((key) => [key, normalized(value[key])]),
  );
}

export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** The value as plain JSON: class instances become objects, undefined fields disappear. */
export function plainJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const absent = (value: unknown): boolean => value === null || value === undefined;

/** The fields whose values differ, each value as JSON text (null when the field has none). */
export function fieldChanges(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
): FieldChange[] {
  const fields = new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = before?.[field];
    const to = after?.[field];
    if ((absent(from) && absent(to)) || sameJson(from, to)) continue;
    changes.push({
      field,
      before: absent(from) ? null : JSON.stringify(from),
      after: absent(to) ? null : JSON.stringify(to),
    });
  }
  return changes;
}
