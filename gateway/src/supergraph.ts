// The supergraph the gateway serves: a file composed at build time (by @twingraph/compose or any
// other composer, such as rover), read at start. The gateway itself never composes.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** SUPERGRAPH_FILE, or the repository's schema/supergraph.graphql (from src and from dist alike) */
export const SUPERGRAPH_FILE =
  process.env.SUPERGRAPH_FILE ?? path.resolve(__dirname, "../../schema/supergraph.graphql");

export function readSupergraph(file = SUPERGRAPH_FILE): string {
  if (!existsSync(file))
    throw new Error(
      `No supergraph at ${file}: set SUPERGRAPH_FILE to a composed supergraph, or run \`npm run compose\``,
    );
  return readFileSync(file, "utf8");
}
