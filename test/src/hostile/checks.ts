// What a right answer to a hostile request looks like, as the README promises it: never a 5xx, every
// refusal in the one JSON error shape with a code, every GraphQL error coded, nothing of the
// server's insides (stack frames, paths, internal URLs, driver errors), and in production mode no
// "Did you mean" hints at the schema.
import path from "node:path";
import type { Outcome } from "./client";

export type Problem =
  | "5xx"
  | "no answer"
  | "uncoded refusal"
  | "uncoded error"
  | "internal error"
  | "stack trace"
  | "server path"
  | "internal URL"
  | "internal detail"
  | "suggestion"
  | "unexpected answer";

export interface CheckOptions {
  /** NODE_ENV=production: field-name suggestions are leaks too */
  production: boolean;
  /** paths of this machine that must never show, such as the data directory */
  privatePaths?: readonly string[];
}

const REPOSITORY = path.resolve(__dirname, "../../..");

/** "    at resolve (/srv/app/x.js:12:3)", "at /srv/app/x.js:12:3", "at node:internal/…" */
export const STACK_FRAME =
  /\bat (?:async |new )?[\w$.<>[\] ]+ \([^()"]*:\d+:\d+\)|\bat (?:file:|node:|\/)[^\s"]*:\d+/;

const LEAKS: [Problem, RegExp][] = [
  ["stack trace", new RegExp(`${STACK_FRAME.source}|"stacktrace"`)],
  ["server path", /node_modules/],
  ["internal URL", /(?:localhost|127\.0\.0\.1|\[::1\]):\d/],
  [
    "internal detail",
    /ECONNREFUSED|ECONNRESET|SqliteError|QueryFailedError|SQLITE_|TypeError|RangeError|Maximum call stack/,
  ],
];

const SUGGESTION = /Did you mean/i;

interface ErrorEntry {
  message?: unknown;
  extensions?: { code?: unknown };
}

/** Every way this answer breaks the promise; none for a right answer. */
export function problemsOf(outcome: Outcome, options: CheckOptions): Problem[] {
  const problems = new Set<Problem>();
  const { request, status, body } = outcome;
  if (outcome.ending !== "answered") {
    // a raw request may be hung up on or held to its cut-off: the server refused to parse it, or waits
    const handled = request.kind === "raw" || (request.kind === "http" && request.mayClose);
    if (!handled) problems.add("no answer");
  }
  if (status !== undefined && status >= 500) problems.add("5xx");
  const entries = errorEntries(body);
  const refused = status !== undefined && (status < 200 || status >= 300) && status !== 304;
  if (refused && body.trim() !== "" && (entries === undefined || entries.length === 0))
    problems.add("uncoded refusal");
  for (const entry of entries ?? []) {
    const code = entry.extensions?.code;
    if (typeof code !== "string" || code === "" || typeof entry.message !== "string")
      problems.add(refused ? "uncoded refusal" : "uncoded error");
    if (code === "INTERNAL_SERVER_ERROR") problems.add("internal error");
  }
  for (const leak of leaksIn(body, options.privatePaths)) problems.add(leak);
  if (options.production && SUGGESTION.test(body)) problems.add("suggestion");
  const expected = request.expect;
  if (expected && outcome.ending === "answered") {
    const codes = entries?.map((entry) => entry.extensions?.code) ?? [];
    const right =
      expected.status.includes(status as number) && (!expected.code || codes.includes(expected.code));
    if (!right) problems.add("unexpected answer");
  }
  return [...problems];
}

/** What of the server's insides this text shows: stack frames, paths, internal URLs, driver errors. */
export function leaksIn(text: string, privatePaths: readonly string[] = []): Problem[] {
  const leaks = LEAKS.filter(([, pattern]) => pattern.test(text)).map(([problem]) => problem);
  if (
    !leaks.includes("server path") &&
    [REPOSITORY, ...privatePaths].some((privatePath) => text.includes(privatePath))
  )
    leaks.push("server path");
  return leaks;
}

/** The error entries of a JSON answer (of each answer, for a batch); undefined when it is not one. */
export function errorEntries(body: string): ErrorEntry[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const answers = Array.isArray(parsed) ? parsed : [parsed];
  const entries: ErrorEntry[] = [];
  let any = false;
  for (const answer of answers) {
    const errors = (answer as { errors?: unknown } | null)?.errors;
    if (errors === undefined) continue;
    any = true;
    if (!Array.isArray(errors)) return [{}];
    entries.push(...(errors as ErrorEntry[]));
  }
  return any ? entries : undefined;
}

/** The codes of an answer's errors, for summaries. */
export function errorCodes(body: string): string[] {
  return (errorEntries(body) ?? []).map((entry) => String(entry.extensions?.code ?? "(none)"));
}
