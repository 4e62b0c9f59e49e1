// Runs hostile requests against a stack a few at a time, each from its own loopback address as many
// clients would, and keeps a verdict per request: how it ended, its codes, its problems and the
// start of its answer (bodies are not kept: a run holds thousands).
import { type CheckOptions, errorCodes, type Problem, problemsOf } from "./checks";
import { type HostileRequest, type Outcome, send } from "./client";
import { type HostileStack, STACK_ROOT } from "./stack";

/** The longest wait for a well-formed request's answer: a stall, not a speed claim. */
const ANSWER_TIMEOUT_MS = 30_000;
const EXCERPT_CHARS = 300;

export interface Verdict {
  category: string;
  label: string;
  target: string;
  ending: Outcome["ending"];
  status?: number;
  codes: string[];
  problems: Problem[];
  excerpt: string;
  ms: number;
}

export interface RunOptions {
  concurrency: number;
  production: boolean;
  /** the wait for each answer; default 30 s */
  timeoutMs?: number;
}

export async function runHostile(
  stack: HostileStack,
  requests: Iterable<HostileRequest>,
  options: RunOptions,
): Promise<Verdict[]> {
  const pending = requests[Symbol.iterator]();
  const checks: CheckOptions = { production: options.production, privatePaths: [stack.dataDir, STACK_ROOT] };
  const verdicts: Verdict[] = [];
  let sequence = 0;
  const worker = async () => {
    for (let next = pending.next(); !next.done; next = pending.next()) {
      const outcome = await send(next.value, {
        port: portOf(stack, next.value.target),
        localAddress: clientAddress("attacker", sequence++),
        timeoutMs: options.timeoutMs ?? ANSWER_TIMEOUT_MS,
      });
      verdicts.push(verdictOf(outcome, checks));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return verdicts;
}

function portOf(stack: HostileStack, target: string): number {
  if (target === "gateway") return stack.gateway.port;
  const subgraph = stack.subgraphs[target];
  if (!subgraph) throw new Error(`no subgraph ${target} in the stack`);
  return subgraph.port;
}

const POOLS = { attacker: 10, visitor: 11 } as const;
const ADDRESSES_PER_POOL = 1000;

/**
 * A loopback address of 127.0.0.0/8 (all of it reaches this machine on Linux): the attacker's
 * requests come from 1,000 addresses, the canary's visitors from 1,000 others, so that a limit per
 * client address meets what it would meet on the internet.
 */
export function clientAddress(pool: keyof typeof POOLS, sequence: number): string {
  const index = sequence % ADDRESSES_PER_POOL;
  return `127.${POOLS[pool]}.${Math.floor(index / 250)}.${(index % 250) + 1}`;
}

export function verdictOf(outcome: Outcome, checks: CheckOptions): Verdict {
  return {
    category: outcome.request.category,
    label: outcome.request.label,
    target: outcome.request.target,
    ending: outcome.ending,
    status: outcome.status,
    codes: errorCodes(outcome.body),
    problems: problemsOf(outcome, checks),
    excerpt: outcome.body.slice(0, EXCERPT_CHARS).replace(/\s+/g, " "),
    ms: outcome.ms,
  };
}

/** The verdicts with this problem, described one a line (the first ten), for an assertion's message. */
export function withProblem(verdicts: readonly Verdict[], problem: Problem): string[] {
  return verdicts.filter((verdict) => verdict.problems.includes(problem)).map(describe);
}

export function describe(verdict: Verdict): string {
  const answer = verdict.status ?? verdict.ending;
  return `${verdict.category} / ${verdict.label} (${verdict.target}) → ${answer}: ${verdict.excerpt}`;
}

function tally(values: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([value, count]) => `${value} ×${count}`)
    .join(", ");
}

/** Counts by category, answer, code and problem, for the test's and the benchmark's output. */
export function summarize(verdicts: readonly Verdict[]): string {
  const categories = new Map<string, Verdict[]>();
  for (const verdict of verdicts)
    categories.set(verdict.category, [...(categories.get(verdict.category) ?? []), verdict]);
  const lines = [`${verdicts.length} hostile requests`];
  for (const [category, inCategory] of [...categories].sort()) {
    const problems = inCategory.filter((verdict) => verdict.problems.length > 0).length;
    lines.push(
      `  ${category.padEnd(20)} ${String(inCategory.length).padStart(5)}  problems ${String(problems).padStart(4)}  ${tally(inCategory.map((verdict) => String(verdict.status ?? verdict.ending)))}`,
    );
  }
  lines.push(`answers: ${tally(verdicts.map((verdict) => String(verdict.status ?? verdict.ending)))}`);
  lines.push(`codes (once per answer): ${tally(verdicts.flatMap((verdict) => [...new Set(verdict.codes)]))}`);
  lines.push(`problems: ${tally(verdicts.flatMap((verdict) => verdict.problems)) || "none"}`);
  return lines.join("\n");
}
