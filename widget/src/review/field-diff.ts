// A field change as the diff table shows it: each side's JSON pretty-printed, and whether the two
// differ once formatting is set aside. Pure, so it is tested without a browser.
import type { FieldChange } from "./review-operations";

export interface DiffRow {
  field: string;
  /** pretty-printed JSON; null when the field had (or has) no value */
  before: string | null;
  after: string | null;
  changed: boolean;
}

export function diffRows(changes: readonly FieldChange[]): DiffRow[] {
  return changes.map(({ field, before, after }) => {
    const prettyBefore = prettyJson(before);
    const prettyAfter = prettyJson(after);
    return { field, before: prettyBefore, after: prettyAfter, changed: prettyBefore !== prettyAfter };
  });
}

/** JSON text indented by two spaces; text that is not JSON is shown as it came; "null" is no value. */
export function prettyJson(text: string | null): string | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value === null ? null : JSON.stringify(value, null, 2);
  } catch {
    return text;
  }
}

/** "2026-11-20T09:30:00.000Z" → "2026-11-20 09:30 UTC": the same for every reviewer, whatever their zone. */
export function shortTime(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Only web links are made links: a source's url is whatever its author typed. */
export function safeHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}
