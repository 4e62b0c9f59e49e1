// Centrality scores of a view, with the slow ones kept in the database (network_metric) for the data
// revision they describe, so a restart without new data does not compute them again.
import {
  type Centrality,
  degreeScores,
  measureCentrality,
  type SlowMeasure,
  scopeKey,
} from "@twingraph/network";
import type { DataSource } from "typeorm";
import { NetworkMetric } from "../entities/network-metric.entity";
import type { PartnershipView } from "./data";

/** City id -> score, computed once per view. */
export function centralityScores(
  db: DataSource,
  view: PartnershipView,
  measure: Centrality,
): Promise<Record<string, number>> {
  if (measure === "degree") return Promise.resolve(degreeScores(view));
  return view.memoize(measure, () => storedScores(db, view, measure));
}

async function storedScores(
  db: DataSource,
  view: PartnershipView,
  measure: SlowMeasure,
): Promise<Record<string, number>> {
  const key = `${measure}|${scopeKey(view.scope)}`;
  const repository = db.getRepository(NetworkMetric);
  const stored = await repository.findOneBy({ key });
  if (stored && stored.revision === view.revision) return JSON.parse(stored.scores);
  const scores = await measureCentrality(view.graph, measure);
  await repository.save({ key, revision: view.revision, scores: JSON.stringify(scores) });
  return scores;
}
