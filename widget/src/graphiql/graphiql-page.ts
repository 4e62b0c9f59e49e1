// The query page at the gateway's "/": GraphiQL against this gateway's own /graphql, bundled with
// React and its styles so that it works offline and under a strict policy, opening on the dossier.
import "graphiql/graphiql.css";
import "./graphiql-page.css";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { DOSSIER_QUERY, DOSSIER_VARIABLES } from "./dossier";

/** Relative, so a gateway served under a path prefix still queries itself. */
const ENDPOINT = new URL("graphql", document.baseURI).href;

const fetcher: GraphiQLProps["fetcher"] = async (parameters, options) => {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: {
      ...options?.headers,
      accept: "application/graphql-response+json, application/json",
      "content-type": "application/json",
    },
    body: JSON.stringify(parameters),
  });
  return response.json();
};

function mount(container: HTMLElement): void {
  const logo = createElement(GraphiQL.Logo, null, "twingraph");
  createRoot(container).render(
    createElement(
      GraphiQL,
      {
        fetcher,
        // as props, not defaultTabs (whose variables GraphiQL 3 drops): a returning visitor's stored
        // tabs stay, and the dossier's tab is opened, or added if they edited it away
        query: DOSSIER_QUERY,
        variables: DOSSIER_VARIABLES,
        defaultEditorToolsVisibility: "variables",
      },
      logo,
    ),
  );
}

const container = document.getElementById("graphiql");
if (!container) throw new Error('The query page has no element with id "graphiql" to mount GraphiQL in');
mount(container);
