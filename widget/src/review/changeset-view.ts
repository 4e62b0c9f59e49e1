// The changeset under review: what it is and where it stands, each edit's diff and source, its
// discussion, and the forms to comment on it and to approve or reject it.
import { html } from "../browser/dom-builder";
import { diffTable, sourceBlock } from "./diff-view";
import { shortTime } from "./field-diff";
import type { ChangesetComment, ChangesetDetail, ChangesetSummary, ProposedEdit } from "./review-operations";

/** What the reviewer may do from the detail view; the app supplies each. */
export interface ChangesetActions {
  showHistory(entity: string, recordId: string): void;
  comment(text: string): void;
  approve(comment: string): void;
  reject(comment: string): void;
}

export function queueItem(changeset: ChangesetSummary, selected: boolean, open: () => void): HTMLLIElement {
  const button = html(
    "button",
    { type: "button", class: "queue-item", "aria-current": selected ? "true" : undefined },
    html("span", { class: "queue-comment" }, changeset.comment),
    html(
      "span",
      { class: "queue-meta" },
      html("span", { class: `status status-${changeset.status.toLowerCase()}` }, changeset.status),
      ` by ${changeset.authorName} · ${shortTime(changeset.createdAt)}`,
    ),
  );
  button.dataset.changesetId = changeset.id;
  button.addEventListener("click", open);
  return html("li", {}, button);
}

export function changesetView(
  changeset: ChangesetDetail,
  canReview: boolean,
  actions: ChangesetActions,
): HTMLElement[] {
  return [
    metadata(changeset),
    html("h3", {}, `Edits (${changeset.edits.length})`),
    ...(changeset.edits.length === 0
      ? [html("p", { class: "empty" }, "This changeset has no edits yet.")]
      : changeset.edits.map((edit) => editView(edit, actions))),
    html("h3", {}, `Comments (${changeset.comments.length})`),
    commentsList(changeset.comments),
    commentForm(actions),
    ...(canReview && (changeset.status === "OPEN" || changeset.status === "SUBMITTED")
      ? [reviewForm(actions)]
      : []),
  ];
}

function metadata(changeset: ChangesetDetail): HTMLDListElement {
  const entries: [string, string | null][] = [
    ["Id", changeset.id],
    ["Status", changeset.status],
    ["Kind", changeset.kind],
    ["Author", changeset.authorName],
    ["Created", shortTime(changeset.createdAt)],
    ["Submitted", shortTime(changeset.submittedAt)],
    ["Reviewer", changeset.reviewerName],
    ["Reviewed", shortTime(changeset.reviewedAt)],
    ["Review comment", changeset.reviewComment],
    ["Reverts", changeset.revertOf],
    ["Reverted by", changeset.revertedBy],
    ["Subgraphs", changeset.subgraphs.join(", ")],
  ];
  return html(
    "dl",
    { class: "meta" },
    ...entries
      .filter(([, value]) => value)
      .flatMap(([term, value]) => [html("dt", {}, term), html("dd", { "data-field": term }, value)]),
  );
}

function editView(edit: ProposedEdit, actions: ChangesetActions): HTMLElement {
  const history = html("button", { type: "button", class: "secondary" }, "History of this record");
  history.addEventListener("click", () => actions.showHistory(edit.entity, edit.recordId));
  const base = edit.baseVersion === null ? "" : ` · based on version ${edit.baseVersion}`;
  return html(
    "article",
    { class: "edit" },
    html(
      "h4",
      {},
      html("span", { class: `op op-${edit.op.toLowerCase()}` }, edit.op),
      ` ${edit.entity} `,
      html("code", { class: "record-id" }, edit.recordId),
    ),
    html("p", { class: "edit-meta" }, `${edit.state}${base} · ${edit.subgraph} subgraph`),
    diffTable(`${edit.op} ${edit.entity} ${edit.recordId}`, edit.changes),
    sourceBlock(edit.source),
    edit.op === "CREATE" ? null : history,
  );
}

function commentsList(comments: readonly ChangesetComment[]): HTMLElement {
  if (comments.length === 0) return html("p", { class: "empty" }, "No comments yet.");
  return html(
    "ol",
    { class: "comments" },
    ...comments.map((comment) =>
      html(
        "li",
        {},
        html("p", { class: "comment-meta" }, `${comment.authorName} · ${shortTime(comment.at)}`),
        html("p", { class: "comment-text" }, comment.text),
      ),
    ),
  );
}

function commentForm(actions: ChangesetActions): HTMLFormElement {
  const text = html("textarea", { id: "comment-text", name: "text", rows: 2, required: true });
  const form = html(
    "form",
    { class: "comment-form" },
    html("label", { for: "comment-text" }, "Add a comment"),
    text,
    html("button", { type: "submit", class: "secondary" }, "Comment"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (text.value.trim()) actions.comment(text.value.trim());
  });
  return form;
}

/** One comment box for both decisions; a rejection must say why, as the API requires. */
function reviewForm(actions: ChangesetActions): HTMLFormElement {
  const comment = html("textarea", {
    id: "review-comment",
    name: "comment",
    rows: 3,
    "aria-describedby": "review-hint",
  });
  const approve = html("button", { type: "submit", value: "approve", class: "approve" }, "Approve");
  const reject = html("button", { type: "submit", value: "reject", class: "reject" }, "Reject");
  const hint = html(
    "p",
    { id: "review-hint", class: "hint" },
    "Approving applies the changeset; a rejection needs a comment.",
  );
  const form = html(
    "form",
    { class: "review-form", "aria-labelledby": "review-form-heading" },
    html("h3", { id: "review-form-heading" }, "Review"),
    html("label", { for: "review-comment" }, "Review comment"),
    comment,
    hint,
    html("div", { class: "actions" }, approve, reject),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const decision = (event.submitter as HTMLButtonElement | null)?.value;
    const text = comment.value.trim();
    if (decision === "reject") {
      if (!text) {
        hint.textContent = "Say why in the review comment before rejecting.";
        hint.classList.add("invalid");
        comment.setAttribute("aria-invalid", "true");
        comment.focus();
        return;
      }
      actions.reject(text);
    } else actions.approve(text);
  });
  return form;
}
