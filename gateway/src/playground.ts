// A small query page served by the gateway at "/": it works offline and behind a strict network,
// where Apollo's default landing page, loaded from a CDN, stays blank.
import type { ServerResponse } from "node:http";

const DOSSIER = `query Twinning($a: ID!, $b: ID!) {
  partnershipBetween(cityIds: [$a, $b]) {
    kind status since sources { document quote }
    cities { name aliases { name language } country { code } }
    agreements { title kind signedOn }
    projects { title programme { name } funds start end }
    visits { date host { name } visitors { name } delegation { name role } hosts { name role } purpose outcomes }
  }
}`;

const PAGE = /* HTML */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>twingraph</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2330; }
  main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; }
  textarea, pre { width: 100%; box-sizing: border-box; font: 13px/1.4 ui-monospace, monospace; }
  textarea { height: 22rem; } #variables { height: 4rem; }
  pre { background: #f4f5f7; padding: .75rem; height: 27rem; overflow: auto; margin: 0; white-space: pre-wrap; }
  button { font-size: 1rem; padding: .3rem 1.2rem; }
</style>
</head>
<body>
<h1>twingraph</h1>
<p>One GraphQL graph of city partnerships. POST queries to <code>/graphql</code>; the schema is in
<code>schema/supergraph.graphql</code>.</p>
<main>
  <form id="form">
    <label for="query">Query</label>
    <textarea id="query" spellcheck="false"></textarea>
    <label for="variables">Variables (JSON)</label>
    <textarea id="variables" spellcheck="false"></textarea>
    <p><button type="submit">Run</button></p>
  </form>
  <section aria-live="polite"><pre id="result"></pre></section>
</main>
<script>
  const query = document.getElementById("query");
  const variables = document.getElementById("variables");
  const result = document.getElementById("result");
  query.value = ${JSON.stringify(DOSSIER)};
  variables.value = '{ "a": "at-villach", "b": "si-kranj" }';
  document.getElementById("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    result.textContent = "…";
    try {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: query.value, variables: JSON.parse(variables.value || "{}") }),
      });
      result.textContent = JSON.stringify(await response.json(), null, 2);
    } catch (error) {
      result.textContent = String(error);
    }
  });
</script>
</body>
</html>
`;

export function servePlayground(_request: unknown, response: ServerResponse): void {
  response.statusCode = 200;
  response.setHeader("content-type", "text/html; charset=utf-8");
  response.end(PAGE);
}
