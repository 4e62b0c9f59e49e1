// The whole network's slow measures, kept in the database (network_metric) with the data revision
// they describe, so that a restart without new data does not compute them again. Only the
// subgraph's background computation (warm.ts) writes here; reads only read.
import { type Scores, type SlowMeasure, scopeKey, WHOLE_NETWORK } from "@twingraph/network";
import type { DataSource } from "typeorm";
import { NetworkMetric } from "../entities/network-metric.entity";

/** The row's key; the form earlier releases stored, so their rows are still found. */
function wholeNetworkKey(measure: SlowMeasure): string {
  return `${measure}|${scopeKey(WHOLE_NETWORK)}`;
}

const WHOLE_NETWORK_KEYS = (["betweenness", "closeness"] as const).map(wholeNetworkKey);

/** The stored scores last read or written per database, so a read parses a row once per revision. */
const held = new WeakMap<DataSource, Map<SlowMeasure, { revision: number; scores: Scores }>>();

function heldOf(db: DataSource): Map<SlowMeasure, { revision: number; scores: Scores }> {
  let byMeasure = held.get(db);
  if (!byMeasure) {
    byMeasure = new Map();
    held.set(db, byMeasure);
  }
  return byMeasure;
}

/** The whole network's scores for `revision`, or undefined while they are not stored. */
export async function storedScores(
  db: DataSource,
  measure: SlowMeasure,
  revision: number,
): Promise<Scores | undefined> {
  const known = heldOf(db).get(measure);
  if (known?.revision === revision) return known.scores;
  const repository = db.getRepository(NetworkMetric);
  const key = wholeNetworkKey(measure);
  // the revision alone first: a row of an earlier revision is some 500 KB nobody needs
  const row = await repository.findOne({ select: { revision: true }, where: { key } });
  if (row?.revision !== revision) return undefined;
  const stored = await repository.findOneBy({ key, revision });
  if (!stored) return undefined;
  const scores = JSON.parse(stored.scores) as Scores;
  heldOf(db).set(measure, { revision, scores });
  return scores;
}

/** Stores the whole network's scores for `revision`, and drops rows of filters earlier releases stored. */
export async function storeScores(
  db: DataSource,
  measure: SlowMeasure,
  revision: number,
  scores: Scores,
): Promise<void> {
  await db.transaction(async (manager) => {
    const repository = manager.getRepository(NetworkMetric);
    await repository.save({ key: wholeNetworkKey(measure), revision, scores: JSON.stringify(scores) });
    await repository
      .createQueryBuilder()
      .delete()
      .where("key NOT IN (:...keys)", { keys: WHOLE_NETWORK_KEYS })
      .execute();
  });
  heldOf(db).set(measure, { revision, scores });
}
