// The apply protocol's steps on a subgraph's HTTP server: POST /changes/<step> with a JSON body,
// behind the gateway secret like /graphql (listenSubgraph's guard), answered in JSON.
import type { IncomingMessage, ServerResponse } from "node:http";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import { HttpError, sendJson } from "../http-error";
import { logger } from "../logger";
import { type BodyLimits, readJsonBody } from "../request-body";
import type { Route } from "../serve";
import { isRole, type Viewer } from "../viewer";
import type { EditRegistry } from "./editable";
import { type ChangeStep, localParticipant } from "./participants";
import { CHANGE_PATHS, type Person } from "./protocol";
import type { EditToStage } from "./stage";

/** The variable that injects faults for tests; its one value makes a commit kill the process. */
export const FAULT_VARIABLE = "TWINGRAPH_FAULT";
/** The exit code of a process killed by the injected fault. */
export const FAULT_EXIT_CODE = 70;

/** The routes of the steps, by path, for `serve`'s `routes`. */
export function changeRoutes(
  name: string,
  db: DataSource,
  registry: EditRegistry,
  limits: BodyLimits,
): Record<string, Route> {
  const participant = localParticipant(name, db, registry);
  const route = (step: ChangeStep, run: (body: StepBody) => Promise<unknown>): [string, Route] => [
    CHANGE_PATHS[step],
    stepRoute(name, step, limits, run),
  ];
  return Object.fromEntries([
    route("prepare", (body) => participant.prepare(body.text("changesetId"), body.text("authorId"))),
    route("commit", (body) => {
      exitOnCommitFault(name);
      return participant.commit(body.text("changesetId"), body.person("reviewer"));
    }),
    route("abort", async (body) => {
      await participant.abort(body.text("changesetId"), body.flag("final"));
      return { aborted: true };
    }),
    route("edits", async (body) => ({ edits: await participant.edits(body.text("changesetId")) })),
    route("revert", (body) =>
      participant.revert(
        body.text("changesetId"),
        body.text("newChangesetId"),
        body.person("author"),
        body.text("comment"),
      ),
    ),
    route("history", async (body) => ({
      changes: await participant.history(body.text("since"), body.count("first")),
    })),
    route("stage", (body) =>
      participant.stageEdits(
        body.text("changesetId"),
        body.viewer("viewer"),
        body.edits("edits"),
        body.flag("dryRun"),
      ),
    ),
  ]);
}

/**
 * Test-only fault injection (docs/operations.md): TWINGRAPH_FAULT=exit-on-commit makes the process
 * exit when a commit reaches it, before it writes anything, as a subgraph killed mid-apply would.
 */
function exitOnCommitFault(name: string): void {
  if (process.env[FAULT_VARIABLE] !== "exit-on-commit") return;
  console.error(`${name}: ${FAULT_VARIABLE}=exit-on-commit, exiting before the commit writes`);
  process.exit(FAULT_EXIT_CODE);
}

function stepRoute(
  name: string,
  step: ChangeStep,
  limits: BodyLimits,
  run: (body: StepBody) => Promise<unknown>,
): Route {
  return async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST")
      throw new HttpError(405, "METHOD_NOT_ALLOWED", `${CHANGE_PATHS[step]} takes POST.`, { allow: "POST" });
    const body = new StepBody(step, await readJsonBody(request, limits));
    let result: unknown;
    try {
      result = await run(body);
    } catch (error) {
      throw stepError(name, step, error);
    }
    response.setHeader("cache-control", "no-store");
    sendJson(response, 200, result);
  };
}

const STATUS_OF_CODE: Record<string, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409 };

function stepError(name: string, step: ChangeStep, error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof GraphQLError && typeof error.extensions.code === "string") {
    const { code } = error.extensions;
    return new HttpError(STATUS_OF_CODE[code] ?? 400, code, error.message);
  }
  logger.error({ service: name, step, err: error }, "a change step failed");
  return new HttpError(
    500,
    "CHANGE_STEP_FAILED",
    `The ${name} subgraph could not ${step} the changeset: ${(error as Error).message}`,
  );
}

/** A step's JSON body, read field by field: a missing or mistyped field is a 400 that names it. */
class StepBody {
  private readonly fields: Record<string, unknown>;

  constructor(
    private readonly step: ChangeStep,
    body: unknown,
  ) {
    if (body === null || typeof body !== "object" || Array.isArray(body))
      throw new HttpError(400, "BAD_REQUEST", `${CHANGE_PATHS[step]} takes a JSON object.`);
    this.fields = body as Record<string, unknown>;
  }

  text(field: string): string {
    const value = this.fields[field];
    if (typeof value !== "string" || value === "") throw this.wrong(field, "a non-empty string");
    return value;
  }

  count(field: string): number {
    const value = this.fields[field];
    if (!Number.isInteger(value) || (value as number) < 0) throw this.wrong(field, "an integer of 0 or more");
    return value as number;
  }

  flag(field: string): boolean {
    const value = this.fields[field];
    if (typeof value !== "boolean") throw this.wrong(field, "true or false");
    return value;
  }

  person(field: string): Person {
    const value = this.fields[field] as Partial<Person> | undefined;
    if (typeof value?.id !== "string" || typeof value.name !== "string")
      throw this.wrong(field, "an object with an id and a name");
    return { id: value.id, name: value.name };
  }

  /** The account edits are staged as: the changes subgraph vouches for it, as the gateway does in headers. */
  viewer(field: string): Viewer {
    const value = this.fields[field] as Partial<Viewer> | undefined;
    if (typeof value?.subject !== "string" || typeof value.name !== "string" || !isRole(value.role))
      throw this.wrong(field, "an object with a subject, a name and a role");
    return { subject: value.subject, name: value.name, role: value.role };
  }

  /** Edits to stage: each an object with an entity, a record id, an op and values (the checks are stageEdit's). */
  edits(field: string): EditToStage[] {
    const value = this.fields[field];
    if (!Array.isArray(value) || !value.every(isEditShape))
      throw this.wrong(
        field,
        "a list of edits, each with entity, recordId, op (CREATE, UPDATE, DEPRECATE) and values",
      );
    return value;
  }

  private wrong(field: string, expected: string): HttpError {
    return new HttpError(400, "BAD_REQUEST", `${CHANGE_PATHS[this.step]}: "${field}" must be ${expected}.`);
  }
}

const STAGED_OPS: readonly unknown[] = ["CREATE", "UPDATE", "DEPRECATE"];

function isEditShape(value: unknown): value is EditToStage {
  if (value === null || typeof value !== "object") return false;
  const edit = value as Record<string, unknown>;
  const isObject = (field: unknown) => field !== null && typeof field === "object" && !Array.isArray(field);
  return (
    typeof edit.entity === "string" &&
    typeof edit.recordId === "string" &&
    edit.recordId !== "" &&
    STAGED_OPS.includes(edit.op) &&
    isObject(edit.values) &&
    (edit.baseVersion === undefined || edit.baseVersion === null || Number.isInteger(edit.baseVersion)) &&
    (edit.source === undefined || edit.source === null || isObject(edit.source))
  );
}
