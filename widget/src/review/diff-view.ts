// The side-by-side diff of one edit or version (field | before | after, changed cells marked) and
// the source it cites. Text goes in as text nodes, never as markup: every value is someone's input.
import { html } from "../browser/dom-builder";
import { type DiffRow, diffRows, safeHref } from "./field-diff";
import type { FieldChange, SourceValue } from "./review-operations";

export function diffTable(caption: string, changes: readonly FieldChange[]): HTMLElement {
  const rows = diffRows(changes);
  if (rows.length === 0) return html("p", { class: "empty" }, "No field changes.");
  return html(
    "table",
    { class: "diff" },
    html("caption", {}, caption),
    html(
      "thead",
      {},
      html(
        "tr",
        {},
        html("th", { scope: "col" }, "Field"),
        html("th", { scope: "col" }, "Before"),
        html("th", { scope: "col" }, "After"),
      ),
    ),
    html("tbody", {}, ...rows.map(diffRow)),
  );
}

function diffRow(row: DiffRow): HTMLTableRowElement {
  return html(
    "tr",
    { class: row.changed ? "changed" : undefined },
    html("th", { scope: "row" }, row.field),
    valueCell(row.before, row.changed, "before"),
    valueCell(row.after, row.changed, "after"),
  );
}

/** A changed value sits in del (before) or ins (after), so the change is told by more than colour;
 * an absent value is not marked. */
function valueCell(value: string | null, changed: boolean, side: "before" | "after"): HTMLTableCellElement {
  const shown =
    value === null ? html("span", { class: "absent" }, "(none)") : html("pre", {}, html("code", {}, value));
  if (!changed || value === null) return html("td", { class: side }, shown);
  return html("td", { class: `${side} changed` }, html(side === "before" ? "del" : "ins", {}, shown));
}

export function sourceBlock(source: SourceValue | null): HTMLElement {
  if (!source) return html("p", { class: "source empty" }, "No source recorded.");
  const href = safeHref(source.url);
  const document = href
    ? html("a", { href, rel: "noopener noreferrer", target: "_blank" }, source.document || href)
    : html("span", {}, source.document || source.url || "");
  return html(
    "figure",
    { class: "source" },
    source.quote ? html("blockquote", { lang: source.language ?? undefined }, source.quote) : null,
    html(
      "figcaption",
      {},
      "Source: ",
      document,
      source.language ? ` · language ${source.language}` : "",
      source.publishedOn ? ` · published ${source.publishedOn}` : "",
    ),
  );
}
