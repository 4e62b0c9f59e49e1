// A subgraph's side of the apply protocol as the changes coordinator calls it: in process over the
// subgraph's database, or over HTTP on its change routes, behind the gateway secret.
import type { DataSource } from "typeorm";
import { GATEWAY_SECRET_HEADER } from "../secret";
import { abortChangeset, commitChangeset, prepareChangeset } from "./apply";
import type { EditRegistry } from "./editable";
import { editsOf } from "./edits";
import { historySince } from "./history";
import type { ProposedEdit, RecordChange } from "./history-types";
import {
  CHANGE_PATHS,
  type ChangeParticipant,
  type CommitResult,
  type PrepareResult,
  type RevertResult,
  type StageResult,
} from "./protocol";
import { revertChangeset } from "./revert";
import { stageEdits } from "./stage";

/** This subgraph's side of the apply protocol, over its database. */
export function localParticipant(name: string, db: DataSource, registry: EditRegistry): ChangeParticipant {
  return {
    name,
    prepare: (changesetId, authorId) => prepareChangeset(db, registry, changesetId, authorId),
    commit: (changesetId) => commitChangeset(db, registry, changesetId),
    abort: (changesetId, final) => abortChangeset(db, changesetId, final),
    edits: (changesetId) => editsOf(db.manager, registry, changesetId),
    revert: (changesetId, newChangesetId, author, comment) =>
      revertChangeset(db, registry, changesetId, newChangesetId, author, comment),
    history: (since, first) => historySince(db.manager, since, first),
    stageEdits: async (changesetId, viewer, edits, dryRun = false) => ({
      staged: (await stageEdits(db, registry, viewer, changesetId, edits, { dryRun })).length,
    }),
  };
}

export type ChangeStep = keyof typeof CHANGE_PATHS;

/** A step a participant could not take: the subgraph did not answer, or refused. */
export class ParticipantError extends Error {
  constructor(
    readonly subgraph: string,
    readonly step: ChangeStep,
    message: string,
    /** the HTTP status of a refusal; undefined when no answer came */
    readonly status?: number,
    /** the refusal's code, when it gave one */
    readonly code?: string,
  ) {
    super(message);
    this.name = "ParticipantError";
  }
}

export interface HttpParticipantOptions {
  /** how long one step may take before it counts as failed; default 10 s */
  timeoutMs?: number;
}

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/** The same steps on a subgraph elsewhere, over HTTP: `baseUrl` is its origin, http://host:port. */
export function httpParticipant(
  name: string,
  baseUrl: string,
  secret: string,
  options: HttpParticipantOptions = {},
): ChangeParticipant {
  const timeoutMs = options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const post = <T>(step: ChangeStep, body: Record<string, unknown>) =>
    postStep<T>({ name, baseUrl, secret, timeoutMs }, step, body);
  return {
    name,
    prepare: (changesetId, authorId) => post<PrepareResult>("prepare", { changesetId, authorId }),
    commit: (changesetId, reviewer) => post<CommitResult>("commit", { changesetId, reviewer }),
    abort: async (changesetId, final) => {
      await post("abort", { changesetId, final });
    },
    edits: async (changesetId) => (await post<{ edits: ProposedEdit[] }>("edits", { changesetId })).edits,
    revert: (changesetId, newChangesetId, author, comment) =>
      post<RevertResult>("revert", { changesetId, newChangesetId, author, comment }),
    history: async (since, first) =>
      (await post<{ changes: RecordChange[] }>("history", { since, first })).changes,
    stageEdits: (changesetId, viewer, edits, dryRun = false) =>
      post<StageResult>("stage", { changesetId, viewer, edits, dryRun }),
  };
}

interface StepTarget {
  name: string;
  baseUrl: string;
  secret: string;
  timeoutMs: number;
}

async function postStep<T>(target: StepTarget, step: ChangeStep, body: Record<string, unknown>): Promise<T> {
  const url = new URL(CHANGE_PATHS[step], target.baseUrl);
  const failed = (why: string, status?: number, code?: string) =>
    new ParticipantError(
      target.name,
      step,
      `The ${target.name} subgraph (${url.origin}) ${why}.`,
      status,
      code,
    );
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: target.secret },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    throw failed(
      timedOut
        ? `did not answer ${step} within ${target.timeoutMs} ms`
        : `could not be reached for ${step}: ${causeOf(error)}`,
    );
  }
  if (!response.ok) {
    const refusal = errorOf(text);
    throw failed(`refused ${step} (${response.status}): ${refusal.message}`, response.status, refusal.code);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw failed(`answered ${step} with something other than JSON`, response.status);
  }
}

/** fetch hides the network error (refused, reset) in its cause. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string; code?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function errorOf(text: string): { message: string; code?: string } {
  try {
    const error = (JSON.parse(text) as { errors?: { message?: string; extensions?: { code?: string } }[] })
      .errors?.[0];
    if (error?.message) return { message: error.message, code: error.extensions?.code };
  } catch {
    // not our error shape: its text says what happened
  }
  return { message: text.slice(0, 200) || "no message" };
}
