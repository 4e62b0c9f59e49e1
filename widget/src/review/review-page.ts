// The review page at the gateway's /review: editors sign in with a token, read the changesets that
// await review side by side with their sources, approve or reject them, and read records' history.
// Plain DOM, bundled with its styles, so that it works offline under a strict policy.
import "./review-page.css";
import { ReviewApp } from "./review-app";

/** Relative, so a gateway served under a path prefix still queries itself. */
const ENDPOINT = new URL("graphql", document.baseURI);

const root = document.getElementById("review");
if (!root) throw new Error('The review page has no element with id "review" to draw in');
new ReviewApp(root, sessionStorage, ENDPOINT).start();
