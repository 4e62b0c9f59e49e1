// The review page at /review in a real browser (Debian's Chromium, driven by playwright-core)
// against the federation over HTTP: a contributor proposes "Kranj and Villach sign a new cooperation
// agreement on 2026-11-20" through the API; an editor signs in on the page with a token, finds the
// submitted changeset, reads its diff and source, approves it, sees it leave the queue, and reads
// the records' history. Offline, under the page's strict policy, asserting on what the page shows.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, hasChromium, SKIPPED } from "../src/chromium";
import { type HttpFederation, httpFederation } from "../src/harness";
import { signTestToken, testAuth } from "../src/tokens";

const COMMENT = "Kranj and Villach sign a new cooperation agreement on 2026-11-20";
const SOURCE = {
  document: "Kranj–Villach cooperation agreement (test value from issue 11)",
  url: "https://example.org/kranj-villach-2026-11-20",
  quote: "Kranj and Villach sign a new cooperation agreement on 2026-11-20",
  language: "en",
};

interface Proposal {
  changesetId: string;
  agreementId: string;
  partnershipId: string;
}

/** A request with the account's token, failing on any error so that a broken setup says why. */
async function asAccount<TData>(
  federation: HttpFederation,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<TData> {
  const response = await federation.post({ query, variables }, { authorization: `Bearer ${token}` });
  const body = (await response.json()) as { data?: TData; errors?: unknown[] };
  if (body.errors || !body.data)
    throw new Error(`${query.trim().split("\n")[0]}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The contributor's changeset, through the API as the contract names it: open, propose, submit. */
async function propose(federation: HttpFederation, token: string): Promise<Proposal> {
  const { partnershipBetween } = await asAccount<{ partnershipBetween: { id: string } | null }>(
    federation,
    token,
    /* GraphQL */ `{ partnershipBetween(cityIds: ["si-kranj", "at-villach"]) { id } }`,
  );
  if (!partnershipBetween) throw new Error("The seed has no Kranj–Villach partnership");
  const { openChangeset } = await asAccount<{ openChangeset: { id: string } }>(
    federation,
    token,
    /* GraphQL */ `mutation ($comment: String!) { openChangeset(comment: $comment) { id } }`,
    { comment: COMMENT },
  );
  const { createAgreement } = await asAccount<{ createAgreement: { recordId: string } }>(
    federation,
    token,
    /* GraphQL */ `
      mutation ($changesetId: ID!, $input: AgreementInput!, $source: SourceInput) {
        createAgreement(changesetId: $changesetId, input: $input, source: $source) { recordId }
      }
    `,
    {
      changesetId: openChangeset.id,
      input: {
        title: "Cooperation agreement between Kranj and Villach",
        kind: "COOPERATION_AGREEMENT",
        partnershipId: partnershipBetween.id,
        signedOn: "2026-11-20",
      },
      source: SOURCE,
    },
  );
  await asAccount(
    federation,
    token,
    /* GraphQL */ `mutation ($id: ID!) { submitChangeset(id: $id) { id } }`,
    {
      id: openChangeset.id,
    },
  );
  return {
    changesetId: openChangeset.id,
    agreementId: createAgreement.recordId,
    partnershipId: partnershipBetween.id,
  };
}

/** A token whose signature the gateway cannot verify: well formed, so only the gateway can refuse it. */
function forged(token: string): string {
  const [header, payload] = token.split(".");
  return `${header}.${payload}.${Buffer.from("not the gateway's signature").toString("base64url")}`;
}

/** Asks the page for a record's history through its form, and waits for its heading. */
async function showHistory(page: Page, entity: string, id: string): Promise<void> {
  await page.getByLabel("Entity type").selectOption(entity);
  await page.getByLabel("Record id").fill(id);
  await page.getByRole("button", { name: "Show history" }).click();
  await expect.poll(() => page.locator("#history-heading").textContent()).toBe(`History of ${entity} ${id}`);
}

describe("the review page in Chromium", () => {
  let federation: HttpFederation;
  let context: BrowserContext;
  let userDataDir: string;
  let origin: string;
  let page: Page;
  let editorToken: string;
  let proposal: Proposal;
  /** every URL the page requested, the Authorization header of each GraphQL request, and every error */
  const requested: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    federation = await httpFederation({ gateway: { auth: testAuth() } });
    origin = new URL(federation.gatewayUrl).origin;
    editorToken = await signTestToken({ role: "editor", name: "Ana Novak" });
    proposal = await propose(
      federation,
      await signTestToken({ role: "contributor", name: "Test Contributor" }),
    );
    userDataDir = mkdtempSync(path.join(tmpdir(), "twin-review-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 1000 },
    });
    page = await context.newPage();
    page.on("request", (request) => {
      requested.push(request.url());
      if (new URL(request.url()).pathname === "/graphql")
        authorizations.push(request.headers().authorization);
    });
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        errors.push(message.text());
      }
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("response", (response) => {
      if (response.status() >= 400 && new URL(response.url()).pathname !== "/favicon.ico") {
        errors.push(`${response.status()} ${response.url()}`);
      }
    });
    page.on("requestfailed", (request) => errors.push(`failed: ${request.url()}`));
    await page.goto(`${origin}/review`);
    await page.getByLabel("Token").waitFor();
  });
  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await federation?.close();
  });

  it.skipIf(!hasChromium)(`signs out, saying why, when the gateway refuses the token${SKIPPED}`, async () => {
    await expect.poll(() => page.locator(".queue-body").textContent()).toContain("Sign in to see");
    await page.getByLabel("Token").fill(forged(editorToken));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.locator(".sign-in-problem").textContent())
      .toMatch(/^The gateway refused this token: /);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // the refusal is the one error this run expects: the gateway's 401
    expect(errors).toEqual([`401 ${origin}/graphql`]);
    errors.length = 0;
  });

  it.skipIf(!hasChromium)(
    `signs in with an editor's token and shows who is signed in${SKIPPED}`,
    async () => {
      await page.getByLabel("Token").fill(editorToken);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => page.locator(".account-name").textContent()).toBe("Ana Novak");
      expect(await page.locator(".account-role").textContent()).toBe("editor");
      expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
    },
  );

  it.skipIf(!hasChromium)(`lists the submitted changeset with its author and time${SKIPPED}`, async () => {
    const item = page.locator(`.queue-item[data-changeset-id="${proposal.changesetId}"]`);
    await item.waitFor();
    const text = (await item.textContent()) ?? "";
    expect(text).toContain(COMMENT);
    expect(text).toContain("SUBMITTED");
    expect(text).toContain("by Test Contributor");
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  });

  it.skipIf(!hasChromium)(`shows its edit side by side with its source${SKIPPED}`, async () => {
    await page.locator(`.queue-item[data-changeset-id="${proposal.changesetId}"]`).click();
    await expect.poll(() => page.locator("#detail-heading").textContent()).toBe(COMMENT);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("detail-heading");
    const edit = page.locator(".edit").filter({ hasText: proposal.agreementId });
    expect(await edit.locator("h4").textContent()).toBe(`CREATE Agreement ${proposal.agreementId}`);
    const signedOn = edit.locator("tr", { has: page.locator("th", { hasText: /^signedOn$/ }) });
    expect(await signedOn.locator("td.after").textContent()).toBe('"2026-11-20"');
    expect(await signedOn.locator("td.after").getAttribute("class")).toContain("changed");
    expect(await signedOn.locator("td.before").textContent()).toBe("(none)");
    const title = edit.locator("tr", { has: page.locator("th", { hasText: /^title$/ }) });
    expect(await title.locator("td.after").textContent()).toBe(
      '"Cooperation agreement between Kranj and Villach"',
    );
    expect(await edit.locator(".source blockquote").textContent()).toBe(SOURCE.quote);
    expect(await edit.locator(".source blockquote").getAttribute("lang")).toBe("en");
    const link = edit.locator(".source a");
    expect(await link.textContent()).toBe(SOURCE.document);
    expect(await link.getAttribute("href")).toBe(SOURCE.url);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "review.png"), fullPage: true });
  });

  it.skipIf(!hasChromium)(`approves it with a comment, and it leaves the queue${SKIPPED}`, async () => {
    await page.getByLabel("Review comment").fill("Checked against the source.");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect
      .poll(() => page.locator(".announcer").textContent())
      .toBe(`Approved changeset ${proposal.changesetId}: it is now APPLIED.`);
    await expect.poll(() => page.locator('.meta dd[data-field="Status"]').textContent()).toBe("APPLIED");
    expect(await page.locator('.meta dd[data-field="Reviewer"]').textContent()).toBe("Ana Novak");
    expect(await page.locator('.meta dd[data-field="Review comment"]').textContent()).toBe(
      "Checked against the source.",
    );
    expect(await page.locator(".review-form").count()).toBe(0);
    const queued = await page
      .locator(".queue-item")
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.changesetId));
    expect(queued).not.toContain(proposal.changesetId);
    const anonymous = await federation.execute(
      /* GraphQL */ `query ($id: ID!) { agreement(id: $id) { signedOn } }`,
      {
        id: proposal.agreementId,
      },
    );
    expect(anonymous.data).toEqual({ agreement: { signedOn: "2026-11-20" } });
  });

  it.skipIf(!hasChromium)(`shows the new Agreement's history and the Partnership's${SKIPPED}`, async () => {
    await showHistory(page, "Agreement", proposal.agreementId);
    const created = page.locator(".version").first();
    expect(await created.locator("h4").textContent()).toBe("Version 1 CREATE");
    expect(await created.locator(".version-meta").textContent()).toMatch(/^by .+ · \d{4}-\d{2}-\d{2} /);
    expect(await created.locator(".version-meta button").textContent()).toBe(proposal.changesetId);

    await showHistory(page, "Partnership", proposal.partnershipId);
    expect(await page.locator(".version").count()).toBeGreaterThan(0);
    expect(await page.locator(".version h4").first().textContent()).toMatch(/^Version \d+ [A-Z]+$/);
    await page.screenshot({ path: path.join(ARTIFACTS, "review-history.png"), fullPage: true });
  });

  it.skipIf(!hasChromium)(
    `sends the token to this gateway alone, as a bearer token, with no policy violation${SKIPPED}`,
    () => {
      expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
      expect(authorizations.filter((header) => header !== undefined)).toContain(`Bearer ${editorToken}`);
      expect(errors).toEqual([]);
    },
  );
});
