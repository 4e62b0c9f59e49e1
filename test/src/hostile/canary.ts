// The canary: the Kranj–Villach dossier, which needs all four subgraphs, asked as a visitor would
// while the stack is attacked. It is whole when it answers the golden file's data and no error
// (answers may carry extensions, such as their cost).
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { LOOPBACK } from "./stack";

const QUERIES = path.resolve(__dirname, "../../queries");
const DOSSIER = readFileSync(path.join(QUERIES, "dossier.graphql"), "utf8");
const CANARY_DATA: unknown = JSON.parse(readFileSync(path.join(QUERIES, "dossier.json"), "utf8")).Twinning
  .data;

export interface CanaryAnswer {
  whole: boolean;
  status?: number;
  body: string;
  ms: number;
}

/**
 * One dossier. `sequence` becomes a variable the operation does not use, so that every canary misses
 * the response cache and goes through the subgraphs; `localAddress` is the visitor's.
 */
export function askCanary(port: number, sequence: number, localAddress?: string): Promise<CanaryAnswer> {
  const body = JSON.stringify({
    query: DOSSIER,
    operationName: "Twinning",
    variables: { a: "at-villach", b: "si-kranj", canary: sequence },
  });
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: LOOPBACK,
        port,
        localAddress,
        method: "POST",
        path: "/graphql",
        headers: { "content-type": "application/json" },
        agent: false,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({
            whole: isWhole(text),
            status: response.statusCode,
            body: text,
            ms: performance.now() - started,
          }),
        );
      },
    );
    request.on("error", (error) =>
      resolve({ whole: false, body: String(error), ms: performance.now() - started }),
    );
    request.end(body);
  });
}

function isWhole(text: string): boolean {
  try {
    const answer = JSON.parse(text) as { data?: unknown; errors?: unknown };
    return answer.errors === undefined && JSON.stringify(answer.data) === JSON.stringify(CANARY_DATA);
  } catch {
    return false;
  }
}

/** The latency at this quantile (0.5, 0.99) of a list of milliseconds. */
export function quantile(milliseconds: readonly number[], at: number): number {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * at))] ?? Number.NaN;
}
