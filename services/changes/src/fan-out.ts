// Asking every participant the same thing at once, and hearing which answered and which failed:
// the coordinator decides from both, a read fails as a whole when one part of it is missing.

import { logger } from "@twingraph/kit/http";
import { type ChangeParticipant, codedError } from "@twingraph/kit/subgraph";
import type { GraphQLError } from "graphql";

export interface Answer<T> {
  name: string;
  value: T;
}

export interface Asked<T> {
  /** in the participants' order */
  answers: Answer<T>[];
  /** the names of those that failed */
  failed: string[];
}

export async function askEach<T>(
  participants: readonly ChangeParticipant[],
  ask: (participant: ChangeParticipant) => Promise<T>,
  what: string,
): Promise<Asked<T>> {
  const settled = await Promise.allSettled(participants.map(ask));
  const asked: Asked<T> = { answers: [], failed: [] };
  settled.forEach((outcome, index) => {
    const { name } = participants[index];
    if (outcome.status === "fulfilled") asked.answers.push({ name, value: outcome.value });
    else {
      asked.failed.push(name);
      logger.warn({ service: "changes", subgraph: name, err: outcome.reason }, `${what}: a subgraph failed`);
    }
  });
  return asked;
}

export function subgraphsUnavailable(names: readonly string[], what: string): GraphQLError {
  return codedError(
    "SUBGRAPH_UNAVAILABLE",
    `Could not ${what}: the ${names.join(", ")} subgraph${names.length === 1 ? "" : "s"} did not answer. Try again.`,
    { subgraphs: [...names] },
  );
}

/** Every participant's answer, or SUBGRAPH_UNAVAILABLE naming those that did not give one. */
export async function askAll<T>(
  participants: readonly ChangeParticipant[],
  ask: (participant: ChangeParticipant) => Promise<T>,
  what: string,
): Promise<Answer<T>[]> {
  const { answers, failed } = await askEach(participants, ask, what);
  if (failed.length > 0) throw subgraphsUnavailable(failed, what);
  return answers;
}
