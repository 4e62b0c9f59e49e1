// Issue 11's main scenario through the whole federation over HTTP, with tokens and the response cache:
// a contributor proposes "Kranj and Villach sign a new cooperation agreement on 2026-11-20" with its
// source; anonymous readers (the dossier, the widget's persisted GET) see nothing of it until an
// editor applies it; then the dossier shows it, the cached answers are fresh and the partnership's
// history shows the step; reverting the changeset gives back the original dossier exactly. On SQLite,
// and on PostgreSQL where TEST_DATABASE_URL names a database. UPDATE_GOLDEN=1 rewrites
// test/queries/editing/dossier-after-apply.json (read the diff before committing it).
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CACHE_STATUS_HEADER } from "@twingraph/gateway";
import { TWIN_PARTNERSHIPS } from "@twingraph/widget";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";

type FederationOptions = NonNullable<Parameters<typeof httpFederation>[0]>;

import { persistedGetUrl } from "../src/persisted-get";
import { dropScratchSchemas } from "../src/scratch-schemas";
import { signTestToken, testAuth } from "../src/tokens";

const QUERIES = path.resolve(__dirname, "../queries");
const DOSSIER = readFileSync(path.join(QUERIES, "dossier.graphql"), "utf8");
const DOSSIER_VARIABLES = JSON.parse(readFileSync(path.join(QUERIES, "dossier.variables.json"), "utf8"));
const ORIGINAL_DOSSIER_FILE = path.join(QUERIES, "dossier.json");
const AFTER_APPLY_FILE = path.join(QUERIES, "editing/dossier-after-apply.json");

const CONTRIBUTOR = { role: "contributor", name: "Ana Novak", subject: "ana-novak" } as const;
const EDITOR = { role: "editor", name: "Marko Zupan", subject: "marko-zupan" } as const;

/** The issue's own sentence, as a test value: the one fact this scenario adds. */
const SOURCE = {
  document: "Issue 11 test scenario (fictional): joint statement of Kranj and Villach",
  quote: "Kranj and Villach sign a new cooperation agreement on 2026-11-20",
  language: "en",
};

const OPEN = /* GraphQL */ `
  mutation Open($comment: String!) {
    openChangeset(comment: $comment) { id status kind authorName }
  }
`;
const PARTNERSHIP = /* GraphQL */ `
  query Partnership($a: ID!, $b: ID!) {
    partnershipBetween(cityIds: [$a, $b]) { id version }
  }
`;
const CREATE_AGREEMENT = /* GraphQL */ `
  mutation Propose($changesetId: ID!, $input: AgreementInput!, $source: SourceInput) {
    createAgreement(changesetId: $changesetId, input: $input, source: $source) {
      entity recordId op state authorName source { document quote language }
    }
  }
`;
const SUBMIT = /* GraphQL */ `
  mutation Submit($id: ID!) { submitChangeset(id: $id) { id status submittedAt } }
`;
const APPLY = /* GraphQL */ `
  mutation Apply($id: ID!, $comment: String) {
    applyChangeset(id: $id, comment: $comment) { id status reviewerName reviewComment subgraphs }
  }
`;
const REVERT = /* GraphQL */ `
  mutation Revert($id: ID!, $comment: String!) {
    revertChangeset(id: $id, comment: $comment) { id kind status revertOf authorName }
  }
`;
const CHANGESET = /* GraphQL */ `
  query Changeset($id: ID!) { changeset(id: $id) { id status revertedBy edits { recordId state } } }
`;
const HISTORY = /* GraphQL */ `
  query History($id: ID!) {
    partnership(id: $id) {
      history(first: 50) { entity recordId version op changesetId authorName source { document } }
    }
  }
`;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

type Account = typeof CONTRIBUTOR | typeof EDITOR;

function scenario(options: FederationOptions, close: () => Promise<void> = async () => {}) {
  let federation: HttpFederation;
  const tokens = new Map<Account, string>();
  let partnershipId: string;
  let changesetId: string;
  let agreementId: string;
  let revertId: string;

  beforeAll(async () => {
    federation = await httpFederation({
      ...options,
      gateway: { auth: testAuth(), responseCache: true },
    });
    for (const account of [CONTRIBUTOR, EDITOR]) tokens.set(account, await signTestToken(account));
  });
  afterAll(async () => {
    await federation?.close();
    await close();
  });

  /** The data of the operation's answer as the account (or anonymous), which must have no errors. */
  async function data<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    account?: Account,
  ): Promise<T> {
    const headers: Record<string, string> = account ? { authorization: `Bearer ${tokens.get(account)}` } : {};
    const answer = (await (await federation.post({ query, variables }, headers)).json()) as Answer;
    expect(answer.errors).toBeUndefined();
    return answer.data as T;
  }

  /** The dossier as anonymous readers read it: each operation's data and errors, as golden files hold them. */
  async function dossier(): Promise<{ answers: Record<string, Answer>; cache: string[] }> {
    const answers: Record<string, Answer> = {};
    const cache: string[] = [];
    for (const operationName of ["Dossier", "Twinning"]) {
      const response = await federation.post({
        query: DOSSIER,
        variables: DOSSIER_VARIABLES[operationName] ?? {},
        operationName,
      });
      const { data, errors } = (await response.json()) as Answer;
      answers[operationName] = errors ? { data, errors } : { data };
      cache.push(response.headers.get(CACHE_STATUS_HEADER) ?? "");
    }
    return { answers, cache };
  }

  /** The widget's request for Kranj: its persisted operation by hash, over GET. */
  async function widget(): Promise<{ body: string; cache: string | null }> {
    const url = persistedGetUrl(federation.gatewayUrl, {
      body: TWIN_PARTNERSHIPS.body,
      operationName: TWIN_PARTNERSHIPS.name,
      variables: { city: "si-kranj", lang: "sl" },
    });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    return { body: await response.text(), cache: response.headers.get(CACHE_STATUS_HEADER) };
  }

  const agreementSteps = async () => {
    const { partnership } = await data<{ partnership: { history: { recordId: string }[] } }>(HISTORY, {
      id: partnershipId,
    });
    return partnership.history.filter((step) => step.recordId === agreementId);
  };

  const original = () => JSON.parse(readFileSync(ORIGINAL_DOSSIER_FILE, "utf8"));
  let widgetBefore: string;

  it("starts from the original dossier, kept in the cache for anonymous readers", async () => {
    expect((await dossier()).answers).toEqual(original());
    expect((await dossier()).cache).toEqual(["hit", "hit"]);
    widgetBefore = (await widget()).body;
    expect((await widget()).cache).toBe("hit");
  });

  it("lets a contributor open a changeset, propose the agreement with its source and submit it", async () => {
    const { partnershipBetween } = await data<{ partnershipBetween: { id: string } }>(
      PARTNERSHIP,
      DOSSIER_VARIABLES.Twinning,
    );
    partnershipId = partnershipBetween.id;

    const { openChangeset } = await data<{ openChangeset: { id: string } }>(
      OPEN,
      { comment: "Kranj and Villach sign a new cooperation agreement on 2026-11-20" },
      CONTRIBUTOR,
    );
    expect(openChangeset).toMatchObject({ status: "OPEN", kind: "EDIT", authorName: CONTRIBUTOR.name });
    changesetId = openChangeset.id;

    const { createAgreement } = await data<{ createAgreement: { recordId: string } }>(
      CREATE_AGREEMENT,
      {
        changesetId,
        input: {
          title: "Cooperation agreement between Kranj and Villach",
          kind: "COOPERATION_AGREEMENT",
          partnershipId,
          signedOn: "2026-11-20",
          parties: [
            { name: "Kranj", kind: "MUNICIPALITY", cityId: "si-kranj", countryCode: "SI" },
            { name: "Villach", kind: "MUNICIPALITY", cityId: "at-villach", countryCode: "AT" },
          ],
        },
        source: SOURCE,
      },
      CONTRIBUTOR,
    );
    expect(createAgreement).toMatchObject({
      entity: "Agreement",
      op: "CREATE",
      state: "STAGED",
      authorName: CONTRIBUTOR.name,
      source: SOURCE,
    });
    agreementId = createAgreement.recordId;

    const { submitChangeset } = await data(SUBMIT, { id: changesetId }, CONTRIBUTOR);
    expect(submitChangeset).toMatchObject({ id: changesetId, status: "SUBMITTED" });
  });

  it("shows anonymous readers none of it: the dossier and the widget as before, the changeset null", async () => {
    expect((await dossier()).answers).toEqual(original());
    const read = await widget();
    expect(read.cache).toBe("hit");
    expect(read.body).toBe(widgetBefore);
    expect((await data(CHANGESET, { id: changesetId })).changeset).toBeNull();
    expect((await data(CHANGESET, { id: changesetId }, EDITOR)).changeset).toMatchObject({
      status: "SUBMITTED",
      edits: [{ recordId: agreementId, state: "STAGED" }],
    });
  });

  it("lets an editor apply it: the dossier shows the agreement, fresh, and the history the step", async () => {
    const { applyChangeset } = await data(
      APPLY,
      { id: changesetId, comment: "Checked against the joint statement." },
      EDITOR,
    );
    expect(applyChangeset).toMatchObject({
      status: "APPLIED",
      reviewerName: EDITOR.name,
      subgraphs: ["agreements"],
    });

    const after = await dossier();
    expect(after.cache).toEqual(["miss", "miss"]);
    if (process.env.UPDATE_GOLDEN === "1")
      writeFileSync(AFTER_APPLY_FILE, `${JSON.stringify(after.answers, null, 2)}\n`);
    expect(after.answers).toEqual(JSON.parse(readFileSync(AFTER_APPLY_FILE, "utf8")));
    const twinning = after.answers.Twinning?.data?.partnershipBetween as { agreements: unknown[] };
    expect(twinning.agreements).toContainEqual({
      title: "Cooperation agreement between Kranj and Villach",
      kind: "COOPERATION_AGREEMENT",
      signedOn: "2026-11-20",
    });

    // the widget shows no agreements, but its cached answer is of the data before: asked again, not served
    expect((await widget()).cache).toBe("miss");
    expect((await widget()).cache).toBe("hit");

    expect(await agreementSteps()).toEqual([
      {
        entity: "Agreement",
        recordId: agreementId,
        version: 1,
        op: "CREATE",
        changesetId,
        authorName: CONTRIBUTOR.name,
        source: { document: SOURCE.document },
      },
    ]);
    expect((await data(CHANGESET, { id: changesetId })).changeset).toMatchObject({
      status: "APPLIED",
      edits: [{ recordId: agreementId, state: "APPLIED" }],
    });
  });

  it("lets the editor revert it: the dossier is exactly the original again, the history has both steps", async () => {
    const { revertChangeset } = await data<{ revertChangeset: { id: string } }>(
      REVERT,
      { id: changesetId, comment: "Test scenario: undoing the agreement." },
      EDITOR,
    );
    expect(revertChangeset).toMatchObject({
      kind: "REVERT",
      status: "APPLIED",
      revertOf: changesetId,
      authorName: EDITOR.name,
    });
    revertId = revertChangeset.id;

    const after = await dossier();
    expect(after.cache).toEqual(["miss", "miss"]);
    expect(after.answers).toEqual(original());
    // exactly: the golden file's text, its keys in their order too
    expect(readFileSync(ORIGINAL_DOSSIER_FILE, "utf8")).toBe(`${JSON.stringify(after.answers, null, 2)}\n`);
    expect((await widget()).cache).toBe("miss");

    expect(await agreementSteps()).toEqual([
      expect.objectContaining({
        version: 2,
        op: "DEPRECATE",
        changesetId: revertId,
        authorName: EDITOR.name,
      }),
      expect.objectContaining({ version: 1, op: "CREATE", changesetId, authorName: CONTRIBUTOR.name }),
    ]);
    expect((await data(CHANGESET, { id: changesetId })).changeset).toMatchObject({ revertedBy: revertId });
  });
}

describe("the Kranj–Villach agreement, proposed, applied and reverted (SQLite)", () => {
  scenario({});
});

const url = process.env.TEST_DATABASE_URL;
const prefix = `edit_${randomBytes(4).toString("hex")}_`;

describe.skipIf(!url)(
  url
    ? "the Kranj–Villach agreement, proposed, applied and reverted (PostgreSQL)"
    : "the scenario on PostgreSQL: skipped, TEST_DATABASE_URL (postgres://...) is not set",
  () => {
    scenario({ databaseUrl: url, schemaPrefix: prefix }, () => dropScratchSchemas(url!, prefix));
  },
);
