// Subgraphs served in process see the request's account in their context, as remote ones read it
// from the signed headers, and each gateway request gets its own context.
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { Viewer } from "@twingraph/kit/http";
import type { SubgraphContext } from "@twingraph/kit/subgraph";
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import type { DataSource } from "typeorm";
import { describe, expect, it } from "vitest";
import { InProcessDataSource } from "../src/in-process";

/** A subgraph that answers who is asking, and touches no database. */
const WHO_IS_ASKING = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, SubgraphContext>({
    name: "Query",
    fields: {
      me: { type: GraphQLString, resolve: (_source, _args, context) => context.viewer?.name ?? null },
    },
  }),
});

async function me(source: InProcessDataSource, context: { viewer?: Viewer }): Promise<unknown> {
  // the kind of request the gateway makes for itself, with no client's cache policy to narrow; its
  // enum is not exported, hence the cast
  const answer = await source.process({
    kind: "health check",
    request: { query: "{ me }" },
    context,
  } as unknown as GraphQLDataSourceProcessOptions);
  return answer.data?.me;
}

describe("a subgraph in process", () => {
  it("sees the gateway request's account, and none for an anonymous request", async () => {
    const source = new InProcessDataSource(WHO_IS_ASKING, {} as DataSource);
    expect(await me(source, { viewer: { subject: "ana", name: "Ana Novak", role: "editor" } })).toBe(
      "Ana Novak",
    );
    expect(await me(source, {})).toBeNull();
  });
});
