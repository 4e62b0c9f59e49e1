// The partnership widget in a real browser (Debian's Chromium, driven by playwright-core) against
// the federation over HTTP: the demo page, the map, selection by mouse and keyboard, every state,
// the persisted GETs it sends, safelist mode, and a page on another origin embedding the script.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { sha256Hex, TWIN_PARTNERSHIPS } from "@twingraph/widget";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, hasChromium, SKIPPED } from "../src/chromium";
import { type HttpFederation, httpFederation } from "../src/harness";

interface Place {
  id: string;
  displayName: string;
  latitude: number | null;
}
interface CityAnswer {
  city: { id: string; partnerships: { cities: Place[] }[] } | null;
}

class Browser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly userDataDir: string,
  ) {}

  static async launch(): Promise<Browser> {
    const userDataDir = mkdtempSync(path.join(tmpdir(), "twin-widget-chromium-"));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
    return new Browser(context, userDataDir);
  }

  /**
   * A new page that records console errors and failed requests, for the checks that none occurred.
   * The browser's own request for /favicon.ico is no concern of the widget's.
   */
  async page(): Promise<{ page: Page; errors: string[] }> {
    const page = await this.context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        errors.push(message.text());
      }
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (response.status() >= 400 && url.pathname !== "/favicon.ico")
        errors.push(`${response.status()} ${url}`);
    });
    page.on("requestfailed", (request) => errors.push(`failed: ${request.url()}`));
    return { page, errors };
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

/** The partner places of a city as the graph has them, in the page's language. */
async function partnersInGraph(federation: HttpFederation, city: string, lang: string): Promise<Place[]> {
  const result = await federation.execute(TWIN_PARTNERSHIPS.body, { city, lang });
  const answer = result.data as unknown as CityAnswer;
  const places = new Map<string, Place>();
  for (const partnership of answer.city?.partnerships ?? []) {
    for (const place of partnership.cities) if (place.id !== city) places.set(place.id, place);
  }
  return [...places.values()];
}

function widget(page: Page, selector: string): Locator {
  return page.locator(selector);
}

async function partnerNames(element: Locator): Promise<string[]> {
  await expect.poll(() => element.locator('[part~="partner"]').count()).toBeGreaterThan(0);
  return element.locator('[part~="name"]').allTextContents();
}

async function markerIds(element: Locator): Promise<string[]> {
  const markers = element.locator('[part~="marker"]');
  const ids = await markers.evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute("data-city-id") ?? ""),
  );
  return ids.sort();
}

async function statusOf(element: Locator): Promise<string> {
  return (await element.locator('[part~="status"]').textContent()) ?? "";
}

/** Adds widgets to the page by id, with their attributes, as a portal's script might. */
async function addWidgets(page: Page, widgets: Record<string, Record<string, string>>): Promise<void> {
  await page.evaluate((entries) => {
    for (const [id, attributes] of Object.entries(entries)) {
      const element = document.createElement("twin-partnerships");
      element.id = id;
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      document.body.append(element);
    }
  }, widgets);
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the widget in Chromium", () => {
  let federation: HttpFederation;
  let browser: Browser;
  let origin: string;
  beforeAll(async () => {
    if (!hasChromium) return;
    federation = await httpFederation();
    origin = new URL(federation.gatewayUrl).origin;
    browser = await Browser.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.close();
  });

  it.skipIf(!hasChromium)(
    `renders Kranj's and Velenje's partners on the demo page, as the graph has them${SKIPPED}`,
    async () => {
      const { page, errors } = await browser.page();
      await page.goto(`${origin}/widget/`);
      for (const city of ["si-kranj", "si-velenje"]) {
        const element = widget(page, `twin-partnerships[city="${city}"]`);
        const expected = await partnersInGraph(federation, city, "sl");
        expect(expected.length).toBeGreaterThan(0);
        expect((await partnerNames(element)).sort()).toEqual(
          expected.map((place) => place.displayName).sort(),
        );
        expect(await element.locator('[part~="container"]').getAttribute("lang")).toBe("sl");
        expect(await element.locator('[part~="container"]').getAttribute("aria-busy")).toBe("false");
      }
      const kranj = widget(page, "#kranj");
      expect(await kranj.locator('[part~="name"]').allTextContents()).toEqual(["Beljak"]);
      expect(await kranj.locator('[part~="meta"]').first().textContent()).toContain("Avstrija");
      expect(await kranj.locator('[part~="meta"]').first().textContent()).toContain("Pobratenje");
      expect(await statusOf(kranj)).toBe("1 partner");
      expect(await statusOf(widget(page, "#velenje"))).toBe("2 partnerja");
      mkdirSync(ARTIFACTS, { recursive: true });
      await expect.poll(() => page.locator("#themed [part~='partner']").count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator("twin-partnerships path.land").count()).toBe(3);
      await page.screenshot({ path: path.join(ARTIFACTS, "widget-demo.png"), fullPage: true });
      // the demo page runs under a strict Content-Security-Policy: any violation is logged as an error
      expect(errors).toEqual([]);
    },
  );

  it.skipIf(!hasChromium)(
    `puts one marker on the map per partner with coordinates, and the map's outlines${SKIPPED}`,
    async () => {
      const { page } = await browser.page();
      await page.goto(`${origin}/widget/`);
      for (const city of ["si-kranj", "si-velenje"]) {
        const element = widget(page, `twin-partnerships[city="${city}"]`);
        await partnerNames(element);
        const located = (await partnersInGraph(federation, city, "sl")).filter(
          (place) => place.latitude !== null,
        );
        expect(await markerIds(element)).toEqual(located.map((place) => place.id).sort());
        expect(await element.locator('[part~="home"]').getAttribute("data-city-id")).toBe(city);
        await expect.poll(() => element.locator("path.land").getAttribute("d")).toMatch(/^M\d/);
        expect(await element.locator('[part~="credit"]').textContent()).toContain("Natural Earth");
      }
    },
  );

  it.skipIf(!hasChromium)(
    `shows a partner's details on a click: Villach's visit of 2016-02-25 and its source once${SKIPPED}`,
    async () => {
      const { page } = await browser.page();
      await page.goto(`${origin}/widget/`);
      const kranj = widget(page, "#kranj");
      const button = kranj.locator('[part~="partner"][data-city-id="at-villach"]');
      const details = kranj.locator(`#${await button.getAttribute("aria-controls")}`);
      expect(await details.isVisible()).toBe(false);
      await button.click();
      expect(await button.getAttribute("aria-expanded")).toBe("true");
      expect(await details.isVisible()).toBe(true);
      expect(await details.locator('time[datetime="2016-02-25"]').textContent()).toBe("25. februar 2016");
      expect(await details.textContent()).toContain("Gostitelj");
      expect(await details.textContent()).toContain("Kranj");
      expect(await details.locator(".sources li").allTextContents()).toEqual(["004_456ee31a02840778.txt"]);
      await button.click();
      expect(await button.getAttribute("aria-expanded")).toBe("false");
      expect(await details.isVisible()).toBe(false);
    },
  );

  it.skipIf(!hasChromium)(`selects a partner from its marker${SKIPPED}`, async () => {
    const { page } = await browser.page();
    await page.goto(`${origin}/widget/`);
    const velenje = widget(page, "#velenje");
    await partnerNames(velenje);
    const marker = velenje.locator('[part~="marker"][data-city-id="me-pljevlja"]');
    await marker.click();
    const button = velenje.locator('[part~="partner"][data-city-id="me-pljevlja"]');
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    expect(await marker.getAttribute("aria-expanded")).toBe("true");
    const details = velenje.locator(`#${await button.getAttribute("aria-controls")}`);
    expect(await details.isVisible()).toBe(true);
    expect(await details.textContent()).toContain("Program izmenjave Velenje – Pljevlja");
    const other = velenje.locator('[part~="partner"][data-city-id="ba-lukavac"]');
    expect(await other.getAttribute("aria-expanded")).toBe("false");
  });

  it.skipIf(!hasChromium)(
    `works from the keyboard: Tab to a partner, Enter opens it, a marker answers Space${SKIPPED}`,
    async () => {
      const { page } = await browser.page();
      await page.goto(`${origin}/widget/`);
      const kranj = widget(page, "#kranj");
      await partnerNames(kranj);
      const focused = () =>
        page.evaluate(() => {
          const host = document.activeElement;
          const inner = host?.shadowRoot?.activeElement;
          return `${host?.id}:${inner?.getAttribute("part")}:${inner?.getAttribute("data-city-id")}`;
        });
      for (let presses = 0; presses < 10 && (await focused()) !== "kranj:partner:at-villach"; presses++) {
        await page.keyboard.press("Tab");
      }
      expect(await focused()).toBe("kranj:partner:at-villach");
      const button = kranj.locator('[part~="partner"][data-city-id="at-villach"]');
      await page.keyboard.press("Enter");
      expect(await button.getAttribute("aria-expanded")).toBe("true");
      await page.keyboard.press("Enter");
      expect(await button.getAttribute("aria-expanded")).toBe("false");
      await page.keyboard.press("Tab");
      expect(await focused()).toBe("kranj:marker:at-villach");
      await page.keyboard.press("Space");
      expect(await button.getAttribute("aria-expanded")).toBe("true");
      expect(await kranj.locator('[part~="marker"]').getAttribute("aria-expanded")).toBe("true");
    },
  );

  it.skipIf(!hasChromium)(
    `renders the empty, unknown-city, no-city and error states, with the graph's error messages${SKIPPED}`,
    async () => {
      const { page } = await browser.page();
      await page.route("**/graphql?case=errors&**", (route) =>
        route.fulfill({ json: { errors: [{ message: "The cities subgraph is unreachable." }] } }),
      );
      await page.goto(`${origin}/widget/`);
      const port = await closedPort();
      await addWidgets(page, {
        empty: { city: "at-furstenfeld", lang: "de" },
        unknown: { city: "xx-nowhere", lang: "fr" },
        "no-city": { lang: "sr-Latn" },
        unreachable: { city: "si-kranj", lang: "en", endpoint: `http://127.0.0.1:${port}/graphql` },
        refused: { city: "si-kranj", lang: "sl", endpoint: `${federation.gatewayUrl}?case=errors` },
      });
      const empty = widget(page, "#empty");
      await expect.poll(() => statusOf(empty)).toBe("Keine Partnerschaften bekannt.");
      expect(await empty.locator('[part~="partner"]').count()).toBe(0);
      await expect.poll(() => statusOf(widget(page, "#unknown"))).toBe("Ville inconnue\u202f: xx-nowhere");
      await expect.poll(() => statusOf(widget(page, "#no-city"))).toBe("Grad nije naveden.");
      const unreachable = widget(page, "#unreachable");
      await expect.poll(() => statusOf(unreachable)).toBe("Could not load the partnerships.");
      expect(await unreachable.locator('[part~="container"]').getAttribute("aria-busy")).toBe("false");
      expect(await unreachable.locator('[part~="retry"]').textContent()).toBe("Retry");
      const refused = widget(page, "#refused");
      await expect.poll(() => statusOf(refused)).toBe("Partnerstev ni bilo mogoče naložiti.");
      expect(await refused.locator('[part~="message"]').textContent()).toContain(
        "The cities subgraph is unreachable.",
      );
      expect(await refused.locator('[part~="retry"]').textContent()).toBe("Poskusi znova");
    },
  );

  it.skipIf(!hasChromium)(
    `asks again on Retry, and shows the partners once the gateway answers${SKIPPED}`,
    async () => {
      const { page } = await browser.page();
      let attempts = 0;
      await page.route("**/graphql?case=retry&**", (route) => {
        attempts += 1;
        return attempts === 1 ? route.abort("connectionrefused") : route.continue();
      });
      await page.goto(`${origin}/widget/`);
      await addWidgets(page, {
        flaky: { city: "si-kranj", lang: "en", endpoint: `${federation.gatewayUrl}?case=retry` },
      });
      const flaky = widget(page, "#flaky");
      await expect.poll(() => statusOf(flaky)).toBe("Could not load the partnerships.");
      await flaky.locator('[part~="retry"]').click();
      await expect.poll(() => statusOf(flaky)).toBe("1 partner");
      expect(await flaky.locator('[part~="name"]').allTextContents()).toEqual(["Villach"]);
      expect(attempts).toBe(2);
    },
  );

  it.skipIf(!hasChromium)(`asks again when city or lang changes${SKIPPED}`, async () => {
    const { page } = await browser.page();
    await page.goto(`${origin}/widget/`);
    const kranj = widget(page, "#kranj");
    await partnerNames(kranj);
    await kranj.locator('[part~="partner"]').focus();
    await kranj.evaluate((element) => element.setAttribute("lang", "de"));
    await expect.poll(() => kranj.locator('[part~="name"]').allTextContents()).toEqual(["Villach"]);
    // the reader's place survives the new language
    expect(
      await kranj.evaluate((element) => element.shadowRoot?.activeElement?.getAttribute("data-city-id")),
    ).toBe("at-villach");
    expect(await kranj.locator('[part~="meta"]').textContent()).toContain("Österreich");
    expect(await kranj.locator('[part~="container"]').getAttribute("lang")).toBe("de");
    await kranj.evaluate((element) => element.setAttribute("city", "si-ljubljana"));
    await expect.poll(() => kranj.locator('[part~="title"]').textContent()).toBe("Ljubljana");
    expect(await markerIds(kranj)).toEqual(["ru-moscow"]);
  });

  it.skipIf(!hasChromium)(
    `sends only persisted GETs to /graphql, carrying the operation's hash${SKIPPED}`,
    async () => {
      const { page } = await browser.page();
      const requests: { method: string; url: URL }[] = [];
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.pathname === "/graphql") requests.push({ method: request.method(), url });
      });
      await page.goto(`${origin}/widget/`);
      await partnerNames(widget(page, "#velenje"));
      await partnerNames(widget(page, "#themed"));
      expect(requests.length).toBe(3);
      const hash = sha256Hex(TWIN_PARTNERSHIPS.body);
      for (const { method, url } of requests) {
        expect(method).toBe("GET");
        expect(url.searchParams.get("operationName")).toBe("TwinPartnerships");
        expect(url.searchParams.has("query")).toBe(false);
        expect(JSON.parse(url.searchParams.get("extensions") ?? "{}")).toEqual({
          persistedQuery: { version: 1, sha256Hash: hash },
        });
      }
      expect(
        requests.map(({ url }) => JSON.parse(url.searchParams.get("variables") ?? "{}").city).sort(),
      ).toEqual(["rs-kragujevac", "si-kranj", "si-velenje"]);
    },
  );

  it.skipIf(!hasChromium)(
    `stops its animations and transitions when the reader asks for reduced motion${SKIPPED}`,
    async () => {
      const { page } = await browser.page();
      await page.emulateMedia({ reducedMotion: "reduce" });
      await page.goto(`${origin}/widget/`);
      const button = widget(page, "#kranj").locator('[part~="partner"]');
      await partnerNames(widget(page, "#kranj"));
      expect(await button.evaluate((element) => getComputedStyle(element).transitionDuration)).toBe("0s");
    },
  );

  it.skipIf(!hasChromium)(
    `runs on a page of another origin that embeds the gateway's script${SKIPPED}`,
    async () => {
      const portal = http.createServer((_request, response) => {
        response.setHeader("content-type", "text/html; charset=utf-8");
        response.end(`<!doctype html><html lang="sl"><head><meta charset="utf-8">
<script src="${origin}/widget.js" type="module"></script></head>
<body><twin-partnerships id="portal" city="si-kranj"></twin-partnerships></body></html>`);
      });
      await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = portal.address() as AddressInfo;
        const { page, errors } = await browser.page();
        // localhost and 127.0.0.1 are different origins to the browser
        await page.goto(`http://localhost:${port}/`);
        const element = widget(page, "#portal");
        expect(await partnerNames(element)).toEqual(["Beljak"]);
        await expect.poll(() => element.locator("path.land").count()).toBe(1);
        expect(errors).toEqual([]);
        await page.close();
      } finally {
        await new Promise<void>((resolve) => {
          portal.close(() => resolve());
          portal.closeAllConnections();
        });
      }
    },
  );
});

describe("the widget against a gateway in safelist mode", () => {
  let federation: HttpFederation;
  let browser: Browser;
  beforeAll(async () => {
    if (!hasChromium) return;
    federation = await httpFederation({ gateway: { safelist: true } });
    browser = await Browser.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.close();
  });

  it.skipIf(!hasChromium)(`renders the demo page's partners${SKIPPED}`, async () => {
    const { page, errors } = await browser.page();
    await page.goto(`${new URL(federation.gatewayUrl).origin}/widget/`);
    expect(await partnerNames(widget(page, "#kranj"))).toEqual(["Beljak"]);
    expect((await partnerNames(widget(page, "#velenje"))).sort()).toEqual(["Lukavac", "Plevlja"]);
    expect(errors).toEqual([]);
  });
});
