// The checked-in schema/changes.graphql, which composition reads, must be what this package builds.
import { REFRESH_SCHEMA_HINT, readSubgraphSchema } from "@twingraph/kit/subgraph";
import { describe, expect, it } from "vitest";
import { subgraph } from "../src";

describe("schema/changes.graphql", () => {
  it("is the SDL this package builds (run `npm run compose` if not)", async () => {
    const { sdl } = await subgraph.build();
    const stale = `schema/changes.graphql is stale: ${REFRESH_SCHEMA_HINT}`;
    expect(readSubgraphSchema(subgraph.name), stale).toBe(sdl);
  });
});
