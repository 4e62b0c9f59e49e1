// The refusal matrix, through the gateway over HTTP: every mutation of the composed API (read from
// schema/api.graphql, so a new one is covered, and fails here until it has a valid call in
// test/src/editing/mutation-calls.ts) refuses a call without a token (UNAUTHENTICATED), from an
// account whose role or relation to the changeset does not allow it (FORBIDDEN), without a source
// or with a source that quotes nothing (SOURCE_REQUIRED, where it takes a source) and on a version
// the record had before (CONFLICT, where it takes a version); after each refusal every table of
// every database holds what it held. The valid call itself succeeds, which keeps the table honest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, EditingClient, errorCode, mutationFields, testAccounts } from "../src/editing/client";
import { fingerprint } from "../src/editing/fingerprint";
import {
  applyHistory,
  type CallWorld,
  entityArgs,
  entityCall,
  MUTATION_CALLS,
  type MutationCall,
  stage,
} from "../src/editing/mutation-calls";
import { type HttpFederation, httpFederation } from "../src/harness";
import { testAuth } from "../src/tokens";

interface Call {
  account: Account | null;
  args: Record<string, unknown>;
}

interface Refusal extends Call {
  what: string;
  code: string;
}

const fields = mutationFields();

describe("every mutation refuses what it must, and a refusal changes nothing", () => {
  let federation: HttpFederation;
  let world: CallWorld;
  /** a changeset of another contributor's, with an edit in every subgraph that stages edits */
  let ownersChangeset: string;

  beforeAll(async () => {
    federation = await httpFederation({ gateway: { auth: testAuth() } });
    world = { client: new EditingClient(federation.post), accounts: await testAccounts() };
    await applyHistory(world);
    const { client, accounts } = world;
    ownersChangeset = await client.open(accounts.owner, "the owner's changeset");
    for (const name of ["updateCity", "updatePartnership", "updateProject", "updateVisit"])
      await stage(client, accounts.owner, ownersChangeset, name);
  });
  afterAll(() => federation?.close());

  it("has a valid call for exactly the mutations of the API", () => {
    expect(Object.keys(MUTATION_CALLS).sort()).toEqual(fields.map((field) => field.name).sort());
  });

  it("fingerprints every table, the staged edits, versions and changesets included", async () => {
    const tables = Object.keys(await fingerprint(federation.databases));
    for (const subgraph of ["cities", "agreements", "projects", "news"])
      expect(tables).toEqual(
        expect.arrayContaining([`${subgraph}.staged_edit`, `${subgraph}.record_version`]),
      );
    expect(tables).toEqual(expect.arrayContaining(["changes.changeset", "changes.changeset_comment"]));
  });

  it("refuses staging in another account's changeset where it has no edits yet, and leaves it to its owner", async () => {
    const { client, accounts } = world;
    const empty = await client.open(accounts.owner, "the owner's changeset, with no edits yet");
    const updates = ["updateCity", "updatePartnership", "updateProject", "updateVisit"];
    for (const name of updates)
      await expectRefused(name, {
        what: "staged by a contributor in another account's changeset with no edits in the subgraph",
        account: accounts.author,
        args: await entityArgs(client, entityCall(name), empty),
        code: "FORBIDDEN",
      });
    for (const name of updates) await stage(client, accounts.owner, empty, name);
  });

  it.each(fields.map((field) => [field.name, field] as const))("%s", async (name, field) => {
    const call = MUTATION_CALLS[name];
    if (!call) throw new Error(`${name} has no valid call in test/src/editing/mutation-calls.ts: add one`);
    const valid = await validCall(call, name);
    const takes = (argument: string) => field.args.some((arg) => arg.name === argument);
    const refusals: Refusal[] = [
      { what: "without a token", account: null, args: valid.args, code: "UNAUTHENTICATED" },
      ...wrongRole(call, valid),
      ...(takes("source") ? withoutSource(valid) : []),
      ...(takes("version") ? [staleVersion(valid)] : []),
    ];
    for (const refusal of refusals) await expectRefused(name, refusal);

    const answer = await world.client.call(valid.account, name, valid.args);
    expect(answer.errors, `${name}: the valid call`).toBeUndefined();
    expect(answer.data?.[name]).toMatchObject(expectedAnswer(call, valid));
  });

  async function expectRefused(name: string, refusal: Refusal): Promise<void> {
    const label = `${name} ${refusal.what}`;
    const before = await fingerprint(federation.databases);
    const answer = await world.client.call(refusal.account, name, refusal.args);
    expect(errorCode(answer), `${label}: ${JSON.stringify(answer.errors)}`).toBe(refusal.code);
    expect(answer.data ?? null, label).toBeNull();
    if (refusal.code === "CONFLICT")
      expect(answer.errors?.[0]?.extensions, label).toMatchObject({
        currentVersion: (refusal.args.version as number) + 1,
        current: expect.any(Object),
      });
    expect(await fingerprint(federation.databases), `${label}: every table as it was`).toEqual(before);
  }

  /** The valid call: an entity mutation in a new changeset of the author's; a step on its own changeset. */
  async function validCall(call: MutationCall, name: string): Promise<Call> {
    const { client, accounts } = world;
    if (call.kind === "changeset") return { account: accounts[call.caller], args: await call.args(world) };
    const changesetId = await client.open(accounts.author, `the refusal tests: ${name}`);
    return { account: accounts.author, args: await entityArgs(client, call, changesetId) };
  }

  function wrongRole(call: MutationCall, valid: Call): Refusal[] {
    const { accounts } = world;
    if (call.kind === "entity")
      return [
        {
          what: "staged by a contributor in another account's changeset",
          account: accounts.author,
          args: { ...valid.args, changesetId: ownersChangeset },
          code: "FORBIDDEN",
        },
      ];
    if ("none" in call.wrongRole) return [];
    const account = accounts[call.wrongRole.account];
    return [{ what: `by ${account.name} (${account.role})`, account, args: valid.args, code: "FORBIDDEN" }];
  }

  function expectedAnswer(call: MutationCall, valid: Call): Record<string, unknown> {
    if (call.kind === "changeset") return call.expect(valid.args, world.accounts);
    return { ...call.expect, state: "STAGED", baseVersion: valid.args.version ?? null };
  }
});

function withoutSource(valid: Call): Refusal[] {
  const { source, ...args } = valid.args;
  const { quote: _quote, ...unquoted } = source as Record<string, unknown>;
  return [
    { what: "without a source", account: valid.account, args, code: "SOURCE_REQUIRED" },
    {
      what: "with a source that quotes nothing",
      account: valid.account,
      args: { ...args, source: unquoted },
      code: "SOURCE_REQUIRED",
    },
  ];
}

/** The version before the current one: applyHistory moved every record the calls name on once. */
function staleVersion(valid: Call): Refusal {
  const current = valid.args.version as number;
  expect(current, "the record has had a version before this one").toBeGreaterThan(1);
  return {
    what: `on version ${current - 1}, not the current ${current}`,
    account: valid.account,
    args: { ...valid.args, version: current - 1 },
    code: "CONFLICT",
  };
}
