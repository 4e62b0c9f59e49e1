// The review page's state and wiring: who is signed in, the queue of changesets awaiting review, the
// one being read, and a record's history. Each region is redrawn from the graph's answer; a later
// request supersedes an earlier one still in flight, so a slow answer never overwrites a newer one.
import { html } from "../browser/dom-builder";
import { changesetView, queueItem } from "./changeset-view";
import { errorView, partialErrorsView } from "./error-view";
import { shortTime } from "./field-diff";
import { historyForm, historyView } from "./history-view";
import { ReviewApi, ReviewApiError } from "./review-api";
import {
  APPLY_CHANGESET,
  type ChangesetSummary,
  COMMENT_ON_CHANGESET,
  type HistoryEntity,
  isHistoryEntity,
  REJECT_CHANGESET,
  REVIEW_CHANGESET,
  REVIEW_QUEUE,
  type RecordHistoryData,
  type ReviewChangesetData,
  type ReviewedData,
  type ReviewQueueData,
  recordHistoryQuery,
} from "./review-operations";
import { isExpired, mayReview, readSession, type Session, signIn, signOut } from "./review-session";

const QUEUE_SIZE = 50;
const HISTORY_SIZE = 50;

/** A region of the page and the number of its latest request: answers to older ones are dropped. */
class Region {
  private latest = 0;

  constructor(readonly element: HTMLElement) {}

  begin(): number {
    this.element.setAttribute("aria-busy", "true");
    return ++this.latest;
  }

  /** Replaces the contents when `request` is still the latest; returns whether it was. */
  show(request: number, ...content: (Node | null)[]): boolean {
    if (request !== this.latest) return false;
    this.element.removeAttribute("aria-busy");
    this.element.replaceChildren(...content.filter((node): node is Node => node !== null));
    return true;
  }
}

export class ReviewApp {
  private session: Session | null;
  private selectedId: string | null = null;
  private readonly api: ReviewApi;
  private readonly sessionArea = html("div", { class: "session" });
  private readonly announcer = html("p", { class: "announcer", role: "status" });
  private readonly queue = new Region(html("div", { class: "queue-body" }));
  private readonly detail = new Region(html("div", { class: "detail-body" }));
  private readonly history = new Region(html("div", { class: "history-body" }));
  private readonly queueHeading = html("h2", { id: "queue-heading", tabindex: -1 }, "Awaiting review");
  private readonly detailHeading = html("h2", { id: "detail-heading", tabindex: -1 }, "Changeset");
  private readonly historyForm = historyForm((entity, id) => void this.showHistory(entity, id));

  constructor(
    private readonly root: HTMLElement,
    private readonly storage: Storage,
    endpoint: URL,
  ) {
    this.session = readSession(storage);
    this.api = new ReviewApi(endpoint, () => this.session?.token ?? null);
  }

  start(): void {
    const refresh = html("button", { type: "button", class: "secondary" }, "Refresh");
    refresh.addEventListener("click", () => void this.loadQueue());
    this.root.replaceChildren(
      html("header", { class: "page-header" }, html("h1", {}, "twingraph review"), this.sessionArea),
      this.announcer,
      html(
        "main",
        {},
        html(
          "section",
          { class: "queue", "aria-labelledby": "queue-heading" },
          html("div", { class: "section-header" }, this.queueHeading, refresh),
          this.queue.element,
        ),
        html(
          "section",
          { class: "detail", "aria-labelledby": "detail-heading" },
          this.detailHeading,
          this.detail.element,
        ),
        html(
          "section",
          { class: "history", "aria-labelledby": "history-section-heading" },
          html("h2", { id: "history-section-heading" }, "Record history"),
          this.historyForm.form,
          this.history.element,
        ),
      ),
    );
    this.clearDetail();
    this.renderSession();
    void this.loadQueue();
  }

  private clearDetail(): void {
    this.detailHeading.textContent = "Changeset";
    this.detail.show(
      this.detail.begin(),
      html("p", { class: "empty" }, "Choose a changeset to read its edits."),
    );
  }

  private renderSession(message?: string): void {
    if (!this.session) {
      this.sessionArea.replaceChildren(this.signInForm(message));
      return;
    }
    const { claims } = this.session;
    const signOutButton = html("button", { type: "button", class: "secondary" }, "Sign out");
    signOutButton.addEventListener("click", () => this.signOut("Signed out."));
    this.sessionArea.replaceChildren(
      html(
        "p",
        { class: "signed-in" },
        "Signed in as ",
        html("strong", { class: "account-name" }, claims.name),
        " (",
        html("span", { class: "account-role" }, claims.role),
        ")",
      ),
      ...(isExpired(claims)
        ? [html("p", { class: "warning" }, `This token expired ${shortTime(claims.expiresAt)}.`)]
        : []),
      signOutButton,
    );
  }

  private signInForm(message?: string): HTMLFormElement {
    const token = html("input", {
      id: "token",
      name: "token",
      type: "password",
      required: true,
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "token-hint",
    });
    const problem = html("p", { class: "sign-in-problem", role: "alert" }, message ?? "");
    const form = html(
      "form",
      { class: "sign-in" },
      html("label", { for: "token" }, "Token"),
      token,
      html("button", { type: "submit" }, "Sign in"),
      html(
        "p",
        { id: "token-hint", class: "hint" },
        "Paste a token, e.g. from ",
        html("code", {}, 'npm run token -- --role editor --name "…"'),
        ". It is kept in this tab only.",
      ),
      problem,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      try {
        this.session = signIn(this.storage, token.value);
      } catch (error) {
        problem.textContent = error instanceof Error ? error.message : String(error);
        token.setAttribute("aria-invalid", "true");
        token.focus();
        return;
      }
      this.renderSession();
      this.announce(`Signed in as ${this.session.claims.name}.`);
      void this.loadQueue();
      this.queueHeading.focus();
    });
    return form;
  }

  private signOut(message: string, refused = false): void {
    signOut(this.storage);
    this.session = null;
    this.selectedId = null;
    this.renderSession(refused ? message : undefined);
    this.announce(message);
    void this.loadQueue();
    this.clearDetail();
    document.getElementById("token")?.focus();
  }

  private announce(message: string): void {
    this.announcer.textContent = message;
  }

  /** A refused token signs the page out, saying why; any other error is the caller's to show. */
  private refusedToken(error: unknown): boolean {
    if (!(error instanceof ReviewApiError) || !error.tokenRefused) return false;
    this.signOut(`The gateway refused this token: ${error.message}`, true);
    return true;
  }

  private async loadQueue(): Promise<void> {
    const request = this.queue.begin();
    if (!this.session) {
      this.queue.show(
        request,
        html("p", { class: "empty" }, "Sign in to see the changesets awaiting review."),
      );
      return;
    }
    const withOpen = mayReview(this.session.claims);
    try {
      const { data, errors } = await this.api.request<ReviewQueueData>(REVIEW_QUEUE, {
        withOpen,
        first: QUEUE_SIZE,
      });
      const changesets = newestFirst([...data.submitted, ...(data.open ?? [])]);
      this.queue.show(request, partialErrorsView(errors), this.queueList(changesets));
    } catch (error) {
      if (!this.refusedToken(error)) this.queue.show(request, errorView(error));
    }
  }

  private queueList(changesets: readonly ChangesetSummary[]): HTMLElement {
    if (changesets.length === 0) return html("p", { class: "empty" }, "No changesets await review.");
    return html(
      "ul",
      { class: "queue-list", "aria-label": `${changesets.length} changesets` },
      ...changesets.map((changeset) =>
        queueItem(changeset, changeset.id === this.selectedId, () => void this.openChangeset(changeset.id)),
      ),
    );
  }

  private markSelected(): void {
    for (const button of this.queue.element.querySelectorAll<HTMLButtonElement>(".queue-item")) {
      if (button.dataset.changesetId === this.selectedId) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
  }

  private async openChangeset(id: string, focus = true): Promise<void> {
    this.selectedId = id;
    this.markSelected();
    const request = this.detail.begin();
    try {
      const { data, errors } = await this.api.request<ReviewChangesetData>(REVIEW_CHANGESET, { id });
      const changeset = data.changeset;
      if (!changeset) {
        this.detailHeading.textContent = "Changeset";
        this.detail.show(request, html("p", { class: "empty" }, `No changeset ${id} is visible to you.`));
        return;
      }
      const shown = this.detail.show(
        request,
        partialErrorsView(errors),
        ...changesetView(changeset, mayReview(this.session?.claims ?? null), {
          showHistory: (entity, recordId) => {
            if (isHistoryEntity(entity)) void this.showHistory(entity, recordId, true);
          },
          comment: (text) => void this.comment(id, text),
          approve: (comment) => void this.review(id, "approve", comment),
          reject: (comment) => void this.review(id, "reject", comment),
        }),
      );
      if (!shown) return;
      this.detailHeading.textContent = changeset.comment;
      if (focus) this.detailHeading.focus();
    } catch (error) {
      if (!this.refusedToken(error)) this.detail.show(request, errorView(error));
    }
  }

  private async review(id: string, decision: "approve" | "reject", comment: string): Promise<void> {
    const form = this.detail.element.querySelector<HTMLFormElement>(".review-form");
    setDisabled(form, true);
    try {
      const data = await this.api.mutate<ReviewedData>(
        decision === "approve" ? APPLY_CHANGESET : REJECT_CHANGESET,
        decision === "approve" ? { id, comment: comment || null } : { id, comment },
      );
      const result = data.applyChangeset ?? data.rejectChangeset;
      this.announce(reviewedMessage(id, decision, result?.status ?? ""));
      await Promise.all([this.loadQueue(), this.openChangeset(id)]);
    } catch (error) {
      if (this.refusedToken(error)) return;
      setDisabled(form, false);
      this.showActionError(form, error);
    }
  }

  private async comment(id: string, text: string): Promise<void> {
    const form = this.detail.element.querySelector<HTMLFormElement>(".comment-form");
    setDisabled(form, true);
    try {
      await this.api.mutate(COMMENT_ON_CHANGESET, { id, text });
      this.announce("Comment added.");
      await this.openChangeset(id, false);
      this.detail.element.querySelector<HTMLTextAreaElement>("#comment-text")?.focus();
    } catch (error) {
      if (this.refusedToken(error)) return;
      setDisabled(form, false);
      this.showActionError(form, error);
    }
  }

  /** An action's error goes under its form, replacing the previous one, and takes the focus. */
  private showActionError(form: HTMLFormElement | null, error: unknown): void {
    if (!form) return;
    form.querySelector(".error")?.remove();
    const shown = errorView(error);
    shown.tabIndex = -1;
    form.append(shown);
    shown.focus();
  }

  private async showHistory(entity: HistoryEntity, recordId: string, fromEdit = false): Promise<void> {
    if (fromEdit) this.historyForm.fill(entity, recordId);
    const request = this.history.begin();
    try {
      const { data, errors } = await this.api.request<RecordHistoryData>(recordHistoryQuery(entity), {
        id: recordId,
        first: HISTORY_SIZE,
      });
      const shown = this.history.show(
        request,
        partialErrorsView(errors),
        ...historyView(entity, recordId, data.record?.history ?? null, (id) => void this.openChangeset(id)),
      );
      if (shown) this.history.element.querySelector<HTMLElement>("#history-heading")?.focus();
    } catch (error) {
      if (!this.refusedToken(error)) this.history.show(request, errorView(error));
    }
  }
}

function newestFirst(changesets: ChangesetSummary[]): ChangesetSummary[] {
  return changesets.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function setDisabled(form: HTMLFormElement | null, disabled: boolean): void {
  for (const control of form?.querySelectorAll("button, textarea") ?? []) {
    (control as HTMLButtonElement | HTMLTextAreaElement).disabled = disabled;
  }
}

/** An apply may be left APPLYING when a subgraph did not commit; the recovery pass finishes it. */
function reviewedMessage(id: string, decision: "approve" | "reject", status: string): string {
  if (decision === "reject") return `Rejected changeset ${id}.`;
  if (status === "APPLYING")
    return `Approved changeset ${id}: it is still applying, and will be applied once every subgraph has committed.`;
  return `Approved changeset ${id}: it is now ${status}.`;
}
