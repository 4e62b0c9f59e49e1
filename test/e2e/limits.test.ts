import { afterAll, beforeAll, describe, it } from "vitest";
import { type Federation, inProcessFederation } from "../src/harness";

let federation: Federation;
beforeAll(async () => {
  federation = await inProcessFederation();
});
afterAll(() => federation?.close());

describe("probe", () => {
  it("probes", async () => {
    const run = async (label: string, request: Record<string, unknown>) => {
      const response = await federation.gateway!.executeOperation(request as never, { contextValue: { requestId: "r", clientIp: "1.2.3.4" } as never });
      console.log(label, response.http.status, JSON.stringify(response.body.kind === "single" ? response.body.singleResult : "inc").slice(0, 400));
    };
    await run("empty opname", { query: "{__typename}", operationName: "" });
    await run("two ops", { query: "query A{__typename} query B{__typename}" });
    await run("unknown op", { query: "query A{__typename}", operationName: "B" });
    await run("mutation", { query: "mutation { __typename }" });
    await run("subscription", { query: "subscription { __typename }" });
    await run("1e400", { query: "{ network { communities(resolution: 1e400) { count } } }" });
    await run("1e400 var", { query: "query($r: Float){ network { communities(resolution: $r) { count } } }", variables: {r: 1e400} });
    await run("suggest", { query: "{ citys { id } }" });
    await run("cost", { query: "{ cities(first: 5) { name partnerships { cities { name } } } }" });
    await run("enum var", { query: "query($by: CentralityMeasure!){ network { ranking(by: $by) { rank } } }", variables: {by: "BETWEENES"} });
    await run("betweenness kinds", { query: "{ network(filter: {kinds: [TWINNING]}) { ranking(by: BETWEENNESS) { rank } } }" });
    await run("betweenness SI", { query: "{ network(filter: {country: \"SI\"}) { ranking(by: BETWEENNESS) { rank } } }" });
  });
});
