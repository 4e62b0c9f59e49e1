// An export over HTTP of a view too large to read and write within a second of CPU is refused from
// its size alone, before the places and links are read.
import type { ApolloServer, BaseContext } from "@apollo/server";
import { describe, expect, it } from "vitest";
import { checkExportSize, NetworkQueryError } from "../src/export/network-query";

/** A gateway that answers every operation with a view of this size, and records what it was asked. */
function gatewayWithView(nodeCount: number, edgeCount: number) {
  const asked: string[] = [];
  const gateway = {
    async executeOperation({ query }: { query: string }) {
      asked.push(query);
      return { body: { kind: "single", singleResult: { data: { network: { nodeCount, edgeCount } } } } };
    },
  } as unknown as ApolloServer<BaseContext>;
  return { gateway, asked };
}

describe("checkExportSize", () => {
  it("refuses a view of more places and links than allowed with EXPORT_TOO_LARGE, a client's mistake", async () => {
    const { gateway, asked } = gatewayWithView(17_700, 25_900);
    const refusal = await checkExportSize(gateway, {}, 4_000).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(NetworkQueryError);
    expect(refusal).toMatchObject({ code: "EXPORT_TOO_LARGE", status: 400 });
    expect((refusal as Error).message).toContain("17,700 places and 25,900 links");
    expect((refusal as Error).message).toContain("at most 4,000");
    // only the size was asked for, not the places and links
    expect(asked).toHaveLength(1);
    expect(asked[0]).not.toContain("nodes(");
  });

  it("lets a view within the limit through", async () => {
    const { gateway } = gatewayWithView(2_000, 2_000);
    await expect(checkExportSize(gateway, { country: "SI" }, 4_000)).resolves.toBeUndefined();
  });
});
