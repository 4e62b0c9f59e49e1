// Whole-network closeness and betweenness take minutes on the world network: a started subgraph
// computes them in the background (in a worker thread) so the first researcher to ask does not wait.
// Results are stored per data revision, so a restart without new data finds them done.
import { WHOLE_NETWORK } from "@twingraph/network";
import type { DataSource } from "typeorm";
import { networkView } from "./cache";
import { centralityScores } from "./metric-store";

export async function warmNetwork(db: DataSource, log: (line: string) => void = console.log): Promise<void> {
  const view = await networkView(db, WHOLE_NETWORK);
  for (const measure of ["closeness", "betweenness"] as const) {
    const started = Date.now();
    await centralityScores(db, view, measure);
    log(`agreements: whole-network ${measure} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}
