// docs/editing.md's examples, run in order through the gateway over HTTP. Each example is a
// ```graphql block after a comment `<!-- example: <what> as <role>[, expect <CODE>] -->`, then
// optionally its variables (a ```json block right after it) and the answer shown for it (a ```json
// block after `<!-- answer -->`). A value "<field.path>" in variables or answers is taken from the
// latest answer with that root field (changeset ids, record ids, versions read); in a shown answer,
// a string with "…" stands for any value. A doc example that stops working fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "@twingraph/kit/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";
import { signTestToken, testAuth } from "../src/tokens";

const DOC = path.resolve(__dirname, "../../docs/editing.md");

/** The accounts the walkthrough names: its answers show them as authors and reviewers. */
const ACCOUNTS: Record<Role, string> = {
  contributor: "Ana Novak",
  editor: "Marko Zupan",
  admin: "Eva Kovač",
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Example {
  title: string;
  role: Role | "anonymous";
  /** the error code the doc says it answers, if any */
  expectCode?: string;
  query: string;
  variables: Record<string, Json>;
  answer?: Json;
  /** the comment's line in the doc, 1-based */
  line: number;
}

const EXAMPLE_COMMENT =
  /^<!-- example: (?<title>.+?) as (?<role>anonymous|contributor|editor|admin)(?:, expect (?<code>[A-Z_]+))? -->$/;
const ANSWER_COMMENT = "<!-- answer -->";

/** The fenced block opening at `start` (its fence line), with the line after its closing fence. */
function fencedBlock(lines: string[], start: number, language: string): { text: string; next: number } {
  if (lines[start] !== `\`\`\`${language}`)
    throw new Error(`docs/editing.md:${start + 1}: expected a \`\`\`${language} block`);
  const end = lines.indexOf("```", start + 1);
  if (end < 0) throw new Error(`docs/editing.md:${start + 1}: the block is not closed`);
  return { text: lines.slice(start + 1, end).join("\n"), next: end + 1 };
}

function skipBlank(lines: string[], from: number): number {
  let index = from;
  while (index < lines.length && lines[index]!.trim() === "") index += 1;
  return index;
}

function parseJson(text: string, line: number): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new Error(`docs/editing.md:${line}: ${(error as Error).message}`);
  }
}

function readExamples(markdown: string): Example[] {
  const lines = markdown.split("\n");
  const examples: Example[] = [];
  lines.forEach((line, index) => {
    const match = EXAMPLE_COMMENT.exec(line);
    if (!match?.groups) return;
    const { title, role, code } = match.groups as { title: string; role: Example["role"]; code?: string };
    const query = fencedBlock(lines, skipBlank(lines, index + 1), "graphql");
    const afterQuery = skipBlank(lines, query.next);
    const variables = lines[afterQuery] === "```json" ? fencedBlock(lines, afterQuery, "json") : undefined;
    const example: Example = {
      title,
      role,
      expectCode: code,
      query: query.text,
      variables: variables ? (parseJson(variables.text, afterQuery + 1) as Record<string, Json>) : {},
      line: index + 1,
    };
    const answerAt = answerComment(lines, variables?.next ?? query.next);
    if (answerAt !== undefined) {
      const start = skipBlank(lines, answerAt + 1);
      example.answer = parseJson(fencedBlock(lines, start, "json").text, start + 1);
    }
    examples.push(example);
  });
  return examples;
}

/** The `<!-- answer -->` line of the example before the next example, if it shows one. */
function answerComment(lines: string[], from: number): number | undefined {
  for (let index = from; index < lines.length; index += 1) {
    if (EXAMPLE_COMMENT.test(lines[index]!) || lines[index] === "```graphql") return undefined;
    if (lines[index] === ANSWER_COMMENT) return index;
  }
  return undefined;
}

/** What earlier answers gave, by root field: the latest non-null value of each. */
class Carried {
  private readonly latest = new Map<string, Json>();

  remember(data: Record<string, Json> | null | undefined): void {
    for (const [field, value] of Object.entries(data ?? {}))
      if (value !== null) this.latest.set(field, value);
  }

  /** The value with every "<field.path>" replaced by what an earlier answer gave there. */
  resolve(value: Json, where: string): Json {
    if (typeof value === "string") {
      const placeholder = /^<([\w]+(?:\.[\w]+)*)>$/.exec(value);
      return placeholder ? this.lookup(placeholder[1]!, where) : this.fill(value, where);
    }
    if (Array.isArray(value)) return value.map((item) => this.resolve(item, where));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolve(item, where)]));
    return value;
  }

  /** "<field.path>" inside a longer text, such as a deprecation reason naming a changeset. */
  private fill(text: string, where: string): string {
    return text.replace(/<([\w]+(?:\.[\w]+)+)>/g, (_, found: string) => String(this.lookup(found, where)));
  }

  private lookup(fieldPath: string, where: string): Json {
    const [root, ...rest] = fieldPath.split(".");
    let value = this.latest.get(root!);
    for (const key of rest)
      value =
        value && typeof value === "object" ? (value as Record<string, Json>)[key] : (undefined as never);
    if (value === undefined) throw new Error(`${where}: no earlier answer gave "<${fieldPath}>"`);
    return value;
  }
}

/** A shown answer as an expectation: a string with "…" stands for any value. */
function expectation(shown: Json): unknown {
  if (typeof shown === "string" && shown.includes("…")) return expect.anything();
  if (Array.isArray(shown)) return shown.map(expectation);
  if (shown && typeof shown === "object")
    return Object.fromEntries(Object.entries(shown).map(([key, value]) => [key, expectation(value)]));
  return shown;
}

interface Answer {
  data?: Record<string, Json> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const examples = readExamples(readFileSync(DOC, "utf8"));

describe("docs/editing.md", () => {
  it("has a runnable example for every GraphQL block, among them a refused source and a stale version", () => {
    const blocks = readFileSync(DOC, "utf8")
      .split("\n")
      .filter((line) => line === "```graphql");
    expect(examples).toHaveLength(blocks.length);
    expect(examples.map((example) => example.expectCode)).toEqual(
      expect.arrayContaining(["SOURCE_REQUIRED", "CONFLICT"]),
    );
  });
});

describe("docs/editing.md's examples, in order, through the gateway", () => {
  let federation: HttpFederation;
  const tokens = new Map<Role, string>();
  const carried = new Carried();

  beforeAll(async () => {
    federation = await httpFederation({ gateway: { auth: testAuth() } });
    for (const [role, name] of Object.entries(ACCOUNTS) as [Role, string][])
      tokens.set(role, await signTestToken({ role, name }));
  });
  afterAll(() => federation?.close());

  async function run(example: Example): Promise<Answer> {
    const where = `docs/editing.md:${example.line} (${example.title})`;
    const variables = carried.resolve(example.variables, where);
    const token = example.role === "anonymous" ? undefined : tokens.get(example.role);
    const response = await federation.post(
      { query: example.query, variables },
      token ? { authorization: `Bearer ${token}` } : {},
    );
    return (await response.json()) as Answer;
  }

  for (const example of examples) {
    const expected = example.expectCode ? `refused ${example.expectCode}` : "answered";
    it(`${example.title}, as ${example.role}: ${expected} (line ${example.line})`, async () => {
      const answer = await run(example);
      if (example.expectCode) {
        expect(answer.errors?.map((error) => error.extensions?.code)).toEqual([example.expectCode]);
        // a refused operation gives nothing back
        for (const value of Object.values(answer.data ?? {})) expect(value).toBeNull();
      } else {
        expect(answer.errors).toBeUndefined();
      }
      if (example.answer !== undefined) {
        const where = `docs/editing.md:${example.line}`;
        expect(answer).toMatchObject(expectation(carried.resolve(example.answer, where)) as object);
      }
      carried.remember(answer.data);
    });
  }
});
