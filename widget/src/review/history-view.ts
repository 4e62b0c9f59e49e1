// A record's history: the form that names the record (entity type and id) and its versions, newest
// as the graph orders them, each with its author, time, changeset, field changes and source.
import { html } from "../browser/dom-builder";
import { diffTable, sourceBlock } from "./diff-view";
import { shortTime } from "./field-diff";
import {
  HISTORY_ENTITIES,
  type HistoryEntity,
  isHistoryEntity,
  type RecordChange,
} from "./review-operations";

export interface HistoryForm {
  form: HTMLFormElement;
  /** fills the form, as when an edit's "History of this record" is chosen */
  fill(entity: HistoryEntity, recordId: string): void;
}

export function historyForm(show: (entity: HistoryEntity, recordId: string) => void): HistoryForm {
  const entity = html(
    "select",
    { id: "history-entity", name: "entity" },
    ...Object.keys(HISTORY_ENTITIES).map((name) => html("option", { value: name }, name)),
  );
  const recordId = html("input", {
    id: "history-id",
    name: "id",
    type: "text",
    required: true,
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "e.g. si-kranj",
  });
  const form = html(
    "form",
    { class: "history-form" },
    html("div", { class: "field" }, html("label", { for: "history-entity" }, "Entity type"), entity),
    html("div", { class: "field" }, html("label", { for: "history-id" }, "Record id"), recordId),
    html("button", { type: "submit" }, "Show history"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const id = recordId.value.trim();
    if (id && isHistoryEntity(entity.value)) show(entity.value, id);
  });
  return {
    form,
    fill(name, id) {
      entity.value = name;
      recordId.value = id;
    },
  };
}

export function historyView(
  entity: HistoryEntity,
  recordId: string,
  versions: readonly RecordChange[] | null,
  openChangeset: (id: string) => void,
): HTMLElement[] {
  const heading = html("h3", { id: "history-heading", tabindex: -1 }, `History of ${entity} ${recordId}`);
  if (versions === null)
    return [heading, html("p", { class: "empty" }, `No ${entity} has the id ${recordId}.`)];
  if (versions.length === 0) return [heading, html("p", { class: "empty" }, "No versions are recorded.")];
  return [
    heading,
    html("ol", { class: "versions" }, ...versions.map((version) => versionItem(version, openChangeset))),
  ];
}

function versionItem(version: RecordChange, openChangeset: (id: string) => void): HTMLLIElement {
  const changeset = html("button", { type: "button", class: "link" }, version.changesetId);
  changeset.addEventListener("click", () => openChangeset(version.changesetId));
  return html(
    "li",
    { class: "version" },
    html(
      "h4",
      {},
      `Version ${version.version} `,
      html("span", { class: `op op-${version.op.toLowerCase()}` }, version.op),
    ),
    html(
      "p",
      { class: "version-meta" },
      `by ${version.authorName} · ${shortTime(version.at)} · changeset `,
      changeset,
    ),
    diffTable(`Version ${version.version} of ${version.entity} ${version.recordId}`, version.changes),
    sourceBlock(version.source),
  );
}
