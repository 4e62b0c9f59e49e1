// The query page at "/" in a real browser (Debian's Chromium, driven by playwright-core) against the
// federation over HTTP: GraphiQL opens on the dossier, runs it, shows the answer the graph gives,
// documents the schema and completes fields from introspection, all offline under its strict policy.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, hasChromium, SKIPPED } from "../src/chromium";
import { type HttpFederation, httpFederation } from "../src/harness";

interface Dossier {
  partnershipBetween: { cities: { name: string }[] } | null;
}

/** The text of one of GraphiQL's CodeMirror editors, whatever part of it is scrolled into view. */
function editorText(page: Page, selector: string): Promise<string> {
  return page.locator(`${selector} .CodeMirror`).evaluate((element) => {
    const editor = (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror;
    return editor.getValue();
  });
}

describe("GraphiQL in Chromium", () => {
  let federation: HttpFederation;
  let context: BrowserContext;
  let userDataDir: string;
  let origin: string;
  let page: Page;
  /** every URL the page requested, and every console error, CSP violation or failed response */
  const requested: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    federation = await httpFederation();
    origin = new URL(federation.gatewayUrl).origin;
    userDataDir = mkdtempSync(path.join(tmpdir(), "twin-graphiql-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    page.on("request", (request) => requested.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        errors.push(message.text());
      }
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("response", (response) => {
      // the browser's own request for /favicon.ico is no concern of the page's
      if (response.status() >= 400 && new URL(response.url()).pathname !== "/favicon.ico") {
        errors.push(`${response.status()} ${response.url()}`);
      }
    });
    page.on("requestfailed", (request) => errors.push(`failed: ${request.url()}`));
    await page.goto(`${origin}/`);
    await page.locator(".graphiql-container").waitFor();
  });
  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await federation?.close();
  });

  it.skipIf(!hasChromium)(`opens on the Kranj–Villach dossier with its variables${SKIPPED}`, async () => {
    await expect
      .poll(() => editorText(page, ".graphiql-query-editor"))
      .toContain("partnershipBetween(cityIds: [$a, $b])");
    const variables = JSON.parse(
      await editorText(page, ".graphiql-editor-tool .graphiql-editor:not(.hidden)"),
    ) as Record<string, string>;
    expect(variables).toEqual({ a: "at-villach", b: "si-kranj" });
  });

  it.skipIf(!hasChromium)(`runs the dossier and shows the graph's answer${SKIPPED}`, async () => {
    await page.locator(".graphiql-execute-button").click();
    await expect.poll(() => editorText(page, ".result-window")).toContain("Kranj");
    const shown = JSON.parse(await editorText(page, ".result-window")) as { data: Dossier };
    const query = await editorText(page, ".graphiql-query-editor");
    const expected = await federation.execute(query, { a: "at-villach", b: "si-kranj" });
    expect(shown.data).toEqual(expected.data);
    const cities = shown.data.partnershipBetween?.cities.map((city) => city.name) ?? [];
    expect(cities.sort()).toEqual(["Kranj", "Villach"]);
  });

  it.skipIf(!hasChromium)(`documents the schema's types from introspection${SKIPPED}`, async () => {
    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    const explorer = page.locator(".graphiql-doc-explorer");
    await explorer.getByRole("link", { name: "Query", exact: true }).click();
    await explorer.locator(".graphiql-doc-explorer-field-name", { hasText: /^partnershipBetween$/ }).click();
    await explorer
      .locator(".graphiql-doc-explorer-type-name", { hasText: /^Partnership$/ })
      .first()
      .click();
    await expect
      .poll(() => explorer.locator(".graphiql-doc-explorer-title").textContent())
      .toBe("Partnership");
    await expect
      .poll(() => explorer.locator(".graphiql-doc-explorer-field-name").allTextContents())
      .toEqual(expect.arrayContaining(["cities", "agreements", "visits"]));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "graphiql.png") });
  });

  it.skipIf(!hasChromium)(`completes a field of the type being selected${SKIPPED}`, async () => {
    await page.locator(".graphiql-query-editor .CodeMirror").evaluate((element) => {
      const editor = (element as unknown as { CodeMirror: CodeMirrorLike }).CodeMirror;
      editor.focus();
      editor.setCursor({ line: 1, ch: editor.getLine(1).length });
    });
    await page.keyboard.press("Enter");
    await page.keyboard.type("stat");
    const hints = page.locator(".CodeMirror-hints .CodeMirror-hint");
    await expect.poll(() => hints.allTextContents()).toContain("status");
  });

  it.skipIf(!hasChromium)(
    `loads nothing but this gateway's files, with no policy violation${SKIPPED}`,
    () => {
      expect(requested.length).toBeGreaterThan(3);
      expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
      expect(errors).toEqual([]);
    },
  );
});

interface CodeMirrorLike {
  focus(): void;
  getLine(line: number): string;
  setCursor(position: { line: number; ch: number }): void;
}
