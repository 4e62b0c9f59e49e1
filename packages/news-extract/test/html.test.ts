// pageText and htmlText: a municipal news page loses its menus, banners, sidebar and share links and keeps
// its four paragraphs; dates, language and canonical URL come from the page; a page of links has no text.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { htmlText, pageText } from "../src/html";
import { codeOf } from "./error-code";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");

// the article's paragraphs as the page's reader sees them (entities decoded, line breaks collapsed)
const PARAGRAPHS = [
  "V Kranju sta se 25. februarja 2016 na delovnem obisku mudili prva podžupanja pobratenega mesta Beljak dr. Petra Oberrauner ter predstavnica za evropsko politiko v tamkajšnji mestni upravi Laura Nemann. Beljak in Kranj imata bratske odnose od leta 2008. V tem času sta občini skupaj izvedli že nekaj projektov predvsem na kulturnem in turističnem področju.",
  "Trajnostna urbana strategija Mestne občine Kranj do leta 2030, ki je dobila pohvalo okoljskega ministrstva, je zanimiva tudi za pobratena mesta Mestne občine Kranj.",
  "Predstavnici iz Beljaka sta se seznanila tudi z organizacijo mestne uprave. V pogovoru je bil ugotovljen interes, da se kranjska in beljaška občinska uprava povežeta pri izvajanju gospodarskih aktivnosti v dobro obeh lokalnih skupnosti.",
  "Zaradi skupnih projektov se bo intenzivnost sodelovanja med občinama še okrepila, zato bodo sestanki delovnih skupin potekali najmanj enkrat mesečno.",
];

const SENTENCE = "Beljak in Kranj imata bratske odnose od leta 2008, ko sta mesti podpisali listino.";

describe("pageText on a municipal news page", () => {
  const page = pageText(fixture("municipal-news-page.html"), "https://kranj.example/novice/123");

  it("keeps the article's four paragraphs, joined by a blank line", () => {
    expect(page.text).toBe(PARAGRAPHS.join("\n\n"));
  });

  it("drops the cookie banner, menus, breadcrumbs, search, share links, sidebar and footer", () => {
    for (const boilerplate of [
      "piškotke",
      "Sprejmem",
      "Dogodki",
      "Kontakt",
      "Domov",
      "Išči",
      "Deli",
      "Facebook",
      "Zadnje novice",
      "Seja mestnega sveta",
      "Vse pravice",
      "dataLayer",
    ]) {
      expect(page.text).not.toContain(boilerplate);
    }
  });

  it("reads the title, publication day, <html lang> and canonical URL", () => {
    expect(page.title).toBe("Kranj in Beljak pripravljena na bolj intenzivno sodelovanje");
    expect(page.publishedOn).toBe("2016-02-25");
    expect(page.language).toBe("sl");
    expect(page.url).toBe("https://kranj.example/novice/kranj-in-beljak");
  });
});

describe("pageText's publication day", () => {
  const article = (head: string, body = "") =>
    `<html><head><title>Novica</title>${head}</head><body><article>${body}<p>${SENTENCE}</p></article></body></html>`;

  it("comes from JSON-LD datePublished (in an @graph too)", () => {
    const jsonLd = `<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2016-02-25T09:00:00+01:00"}]}</script>`;
    expect(pageText(article(jsonLd)).publishedOn).toBe("2016-02-25");
  });

  it("comes from the article's <time datetime> before one in a sidebar", () => {
    const html = `<html><body><aside><time datetime="2015-01-01">1. 1.</time></aside><article><time datetime="2016-02-25T10:00">25. 2. 2016</time><p>${SENTENCE}</p></article></body></html>`;
    expect(pageText(html).publishedOn).toBe("2016-02-25");
  });

  it('comes from <meta name="date"> only when it is an ISO day', () => {
    expect(pageText(article('<meta name="date" content="2016-02-25">')).publishedOn).toBe("2016-02-25");
    expect(pageText(article('<meta name="date" content="25.2.2016">')).publishedOn).toBeNull();
  });

  it("prefers article:published_time and ignores impossible days", () => {
    const metas =
      '<meta property="article:published_time" content="2016-02-25T12:00:00Z"><meta name="date" content="2016-03-01">';
    expect(pageText(article(metas)).publishedOn).toBe("2016-02-25");
    expect(pageText(article('<meta name="date" content="2016-13-45">')).publishedOn).toBeNull();
  });
});

describe("pageText without main text", () => {
  it("refuses a page of nothing but navigation (NO_TEXT)", () => {
    expect(codeOf(() => pageText(fixture("navigation-only-page.html")))).toBe("NO_TEXT");
  });

  it("refuses input without markup (NOT_HTML)", () => {
    expect(codeOf(() => pageText(SENTENCE))).toBe("NOT_HTML");
  });
});

describe("Readability on linkedom", () => {
  it("drops a sidebar that only its class names mark", () => {
    const teaser = "Seja mestnega sveta bo v četrtek ob 16. uri v veliki sejni dvorani na Slovenskem trgu.";
    const html = `<html><head><title>Novica</title></head><body>
      <div id="sidebar"><div class="teaser"><h3>Seja</h3><p>${teaser}</p></div></div>
      <div class="content"><h1>Novica</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}</div></body></html>`;
    const page = pageText(html);
    expect(page.text).toBe(PARAGRAPHS.join("\n\n"));
  });

  it("finds the article in a 200 KB page (scripts, styles, icons, a mega menu, 140 teasers)", () => {
    const html = bigPage();
    expect(html.length).toBeGreaterThanOrEqual(200 * 1024);
    const page = pageText(html);
    expect(page.text).toBe(Array.from({ length: 3 }, () => PARAGRAPHS.join("\n\n")).join("\n\n"));
  });
});

describe("pageText on awkward markup", () => {
  const article = PARAGRAPHS.map((p) => `<p>${p}</p>`).join("");

  it("keeps an article inside a form that wraps the whole page (ASP.NET sites)", () => {
    const html = `<html><head><title>Novica</title></head><body><form id="aspnetForm" method="post"><div class="menu"><a href="/">Domov</a></div><div id="content"><h1>Novica</h1>${article}</div><form action="/iskanje"><input name="q"> <label>Iskanje</label></form></form></body></html>`;
    expect(pageText(html).text).toBe(PARAGRAPHS.join("\n\n"));
  });

  it("keeps text after a self-closing <svg/> and inside a <nav> left open around the article", () => {
    const html = `<html><head><title>Novica</title></head><body><svg class="logo"/><nav><ul><li><a href="/">Domov</a></li></ul><article><h1>Novica</h1>${article}</article></nav><svg><path d="M0 0"/></svg></body></html>`;
    expect(pageText(html).text).toBe(PARAGRAPHS.join("\n\n"));
  });
});

describe("htmlText", () => {
  it("converts a short fragment directly: entities decoded, whitespace collapsed, link-only lines dropped", () => {
    const html = `<p>Beljak&nbsp;in   Kranj\n imata &#269;as &amp; voljo.</p><ul><li><a href="/x">Več</a></li></ul><p>Drugi<br>del</p>`;
    expect(htmlText(html)).toBe("Beljak in Kranj imata čas & voljo.\n\nDrugi\n\ndel");
  });

  it("runs Readability on a long fragment and drops its share box", () => {
    const html = `<div>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}<div class="share">Deli: <a href="/fb">Facebook</a></div></div>`;
    expect(htmlText(html)).toBe(PARAGRAPHS.join("\n\n"));
  });

  it("gives an empty string for markup without text", () => {
    expect(htmlText('<div><img src="/a.jpg" alt=""></div>')).toBe("");
  });
});

/** A heavy municipal page around the fixture's article (repeated three times), as CMS pages are. */
function bigPage(): string {
  const base = fixture("municipal-news-page.html");
  const icon =
    '<svg class="icon" viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5z"/><path d="M2 17l10 5 10-5"/><circle cx="12" cy="12" r="3"/></svg>';
  const submenu = (i: number) =>
    Array.from(
      { length: 8 },
      (_, j) => `<li class="menu-item"><a href="/s/${i}/${j}"><span>Podstran ${i}.${j}</span></a></li>`,
    ).join("");
  const menu = Array.from(
    { length: 60 },
    (_, i) =>
      `<li class="menu-item has-children"><a class="menu-link" href="/s/${i}">${icon}<span>Področje ${i}</span></a><ul class="sub-menu">${submenu(i)}</ul></li>`,
  ).join("\n");
  const cards = Array.from(
    { length: 140 },
    (_, i) =>
      `<div class="card teaser col-md-4"><a href="/novice/${i}"><img src="/img/${i}.jpg" alt="" loading="lazy"></a><div class="card-body"><span class="date">1. 1. 2016</span><h3 class="card-title"><a href="/novice/${i}">Naslov novice ${i}</a></h3><p class="card-text">Kratek povzetek novice ${i}, ki vabi k branju celotnega besedila na posebni strani.</p>${icon}</div></div>`,
  ).join("\n");
  const config = Array.from({ length: 900 }, (_, i) => ({ id: i, label: `item ${i}`, url: `/x/${i}` }));
  const css = Array.from({ length: 1200 }, (_, i) => `.c${i}{margin:${i}px;padding:0 ${i}px}`).join("\n");
  const article = Array.from({ length: 3 }, () => PARAGRAPHS.map((p) => `<p>${p}</p>`).join("\n")).join("\n");
  return base
    .replace(
      "</head>",
      `<style>${css}</style><script>var config = ${JSON.stringify(config)};</script></head>`,
    )
    .replace("<ul>", `<ul>${menu}`)
    .replace(/<div class="news-body">[\s\S]*?<\/div>/, `<div class="news-body">${article}</div>`)
    .replace('<aside class="sidebar">', `<aside class="sidebar">${cards}`);
}
