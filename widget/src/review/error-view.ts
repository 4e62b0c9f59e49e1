// An error as the reviewer reads it: its code and message, and for CONFLICT the records in conflict
// (why, the versions, the current values), so they can see what changed under the changeset.
import { html } from "../browser/dom-builder";
import { prettyJson } from "./field-diff";
import { codeOf, type GraphQLErrorBody, ReviewApiError } from "./review-api";

interface ConflictBody {
  entity?: string;
  recordId?: string;
  baseVersion?: number | null;
  currentVersion?: number | null;
  current?: unknown;
  reason?: string;
}

export function errorView(error: unknown): HTMLElement {
  if (!(error instanceof ReviewApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return html("div", { class: "error", role: "alert" }, html("p", {}, message));
  }
  return html("div", { class: "error", role: "alert" }, ...error.errors.map(errorEntry));
}

/** Errors that came beside data: a part of the answer is missing, the rest is shown. */
export function partialErrorsView(errors: readonly GraphQLErrorBody[]): HTMLElement | null {
  if (errors.length === 0) return null;
  return html(
    "div",
    { class: "error partial", role: "alert" },
    html("p", {}, "Part of this answer is missing:"),
    ...errors.map(errorEntry),
  );
}

function errorEntry(error: GraphQLErrorBody): HTMLElement {
  const code = codeOf(error) ?? "ERROR";
  return html(
    "div",
    { class: "error-entry" },
    html("p", {}, html("strong", { class: "code" }, code), ": ", error.message),
    conflictsOf(error),
  );
}

/** A failed apply lists its conflicts; a stale single edit gives its record's current values. */
function conflictsOf(error: GraphQLErrorBody): HTMLElement | null {
  const extensions = error.extensions ?? {};
  const conflicts = Array.isArray(extensions.conflicts)
    ? (extensions.conflicts as ConflictBody[])
    : "current" in extensions || "currentVersion" in extensions
      ? [extensions as ConflictBody]
      : [];
  if (conflicts.length === 0) return null;
  return html("ul", { class: "conflicts" }, ...conflicts.map(conflictItem));
}

function conflictItem(conflict: ConflictBody): HTMLLIElement {
  const record = [conflict.entity, conflict.recordId].filter(Boolean).join(" ");
  const versions = `read version ${conflict.baseVersion ?? "none"}, now ${conflict.currentVersion ?? "none"}`;
  const current = conflict.current === undefined ? null : prettyJson(JSON.stringify(conflict.current));
  return html(
    "li",
    {},
    html("span", {}, `${record || "record"}: ${conflict.reason ?? "in conflict"} (${versions})`),
    current
      ? html("details", {}, html("summary", {}, "Current values"), html("pre", {}, html("code", {}, current)))
      : null,
  );
}
