// The benchmark's closed-loop load: `concurrency` clients in this process, each sending its next
// request as soon as its last one is answered, for a fixed time. Every answer is checked: a load that
// fails stops the benchmark rather than measuring how fast errors come back.

export interface Load {
  name: string;
  /** sends the n-th request of the load; resolves once it is answered, rejects when it failed */
  send(sequence: number): Promise<void>;
}

export interface HttpRequest {
  url: string;
  init: RequestInit;
}

export interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
}

export interface LoadOptions {
  durationMs: number;
  concurrency: number;
}

/** A POST of this GraphQL request body to `url`, the same for every request of a load. */
export function postJson(url: string, body: unknown): (sequence: number) => HttpRequest {
  const json = JSON.stringify(body);
  return () => ({
    url,
    init: { method: "POST", headers: { "content-type": "application/json" }, body: json },
  });
}

/** A load of HTTP requests, each answered with `status` (default 200) and, if it has a body, no GraphQL errors. */
export function httpLoad(name: string, request: (sequence: number) => HttpRequest, status = 200): Load {
  return {
    name,
    async send(sequence) {
      const { url, init } = request(sequence);
      await checkAnswer(name, await fetch(url, init), status);
    },
  };
}

export async function checkAnswer(name: string, response: Response, status = 200): Promise<void> {
  const text = await response.text();
  if (response.status !== status || (text !== "" && "errors" in JSON.parse(text)))
    throw new Error(`${name} failed (HTTP ${response.status}): ${text.slice(0, 500)}`);
}

export async function runLoad(load: Load, { durationMs, concurrency }: LoadOptions): Promise<Result> {
  const latencies: number[] = [];
  const deadline = Date.now() + durationMs;
  let sequence = 0;
  const client = async () => {
    while (Date.now() < deadline) {
      const start = performance.now();
      await load.send(sequence++);
      latencies.push(performance.now() - start);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * quantile))] as number;
  return {
    name: load.name,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
  };
}

/** The middle value (the mean of the two middle ones for an even count): what a row of rounds reports. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
