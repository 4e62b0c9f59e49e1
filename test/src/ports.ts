// Ports for the servers tests spawn. A port found free by listening on port 0 comes from the
// ephemeral range, where the machine also picks the local port of every outgoing connection: in the
// seconds between finding it and a spawned server binding it, one of the many connections the tests
// make could take it (a CI run's gateway once failed with "Port … is already in use" so). These come
// from below that range, checked free when picked.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

const LOWEST_PORT = 10_000;
/** Linux's default start of the ephemeral range, where /proc does not say. */
const DEFAULT_EPHEMERAL_START = 32_768;
const ATTEMPTS = 100;

/** A port nothing listens on now, outside the range outgoing connections take theirs from. */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const below = ephemeralRangeStart();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = LOWEST_PORT + Math.floor(Math.random() * (below - LOWEST_PORT));
    if (await canListen(port, host)) return port;
  }
  throw new Error(`no free port found between ${LOWEST_PORT} and ${below} in ${ATTEMPTS} attempts`);
}

function ephemeralRangeStart(): number {
  try {
    const [start] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/);
    const port = Number(start);
    return port > LOWEST_PORT + 1_000 ? port : DEFAULT_EPHEMERAL_START;
  } catch {
    return DEFAULT_EPHEMERAL_START;
  }
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
