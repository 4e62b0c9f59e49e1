// The shutdown on signals in this process: the signal is emitted, not sent, and exit is the test's.
import { afterEach, describe, expect, it } from "vitest";
import { shutdownOnSignals } from "../src/shutdown";
import { postJson, startTestServer, until } from "./http-client";

const removals: (() => void)[] = [];

afterEach(() => {
  for (const remove of removals.splice(0)) remove();
});

describe("shutdown on SIGTERM and SIGINT", () => {
  it("drains, then releases, then exits 0, once however many signals come", async () => {
    const server = await startTestServer();
    const events: string[] = [];
    removals.push(
      shutdownOnSignals(server, {
        service: "test",
        graceMs: 10_000,
        release: async () => {
          events.push("released");
        },
        exit: (code) => events.push(`exit ${code}`),
      }),
    );
    const answer = postJson(server.base, JSON.stringify({ query: "{ slow }" }));
    await server.slow.started;
    process.emit("SIGTERM", "SIGTERM");
    process.emit("SIGINT", "SIGINT");
    await expect(fetch(`${server.base}/health`)).rejects.toThrow();
    expect(events).toEqual([]);
    server.slow.open();
    expect(await (await answer).json()).toEqual({ data: { slow: "done" } });
    await until(() => events.length === 2);
    expect(events).toEqual(["released", "exit 0"]);
  });

  it("exits 1 when releasing fails", async () => {
    const server = await startTestServer();
    const codes: number[] = [];
    removals.push(
      shutdownOnSignals(server, {
        service: "test",
        graceMs: 1_000,
        release: async () => {
          throw new Error("the database would not close");
        },
        exit: (code) => codes.push(code),
      }),
    );
    process.emit("SIGTERM", "SIGTERM");
    await until(() => codes.length > 0);
    expect(codes).toEqual([1]);
  });
});
