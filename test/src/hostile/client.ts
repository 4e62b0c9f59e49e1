// Sends one hostile request as an attacker's client would, and records how it ended. Well-formed
// requests go through node:http; malformed ones are written byte for byte to a raw socket, and the
// answer, if any, is still read by Node's own HTTP parser: the socket is handed to a client request
// whose own output is discarded.
import http from "node:http";
import { connect } from "node:net";
import { Duplex } from "node:stream";
import { LOOPBACK } from "./stack";

export interface Expectation {
  /** the statuses a right answer has */
  status: readonly number[];
  /** the code its error carries */
  code?: string;
}

interface Common {
  category: string;
  /** what it tries, in a few words, for failure messages: "fragments 2^12" */
  label: string;
  /** "gateway" or a subgraph's name */
  target: string;
  /** the one right answer, for requests that have one */
  expect?: Expectation;
}

export interface HttpPlan extends Common {
  kind: "http";
  method: string;
  /** path and query string, encoded */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** the server may close the connection instead of answering (a body over the limit still arriving) */
  mayClose?: boolean;
}

export interface RawPlan extends Common {
  kind: "raw";
  /** written in order, each after its pause */
  chunks: { bytes: Buffer; pauseMs?: number }[];
  /** how long to wait for an answer after the last chunk before hanging up: a slow client's cut-off */
  holdMs: number;
}

export type HostileRequest = HttpPlan | RawPlan;

export interface Outcome {
  request: HostileRequest;
  /** answered; closed: the server closed the connection without an answer; cut-off: the client gave up */
  ending: "answered" | "closed" | "cut-off";
  status?: number;
  contentType?: string;
  /** the body's first 2 MB */
  body: string;
  ms: number;
}

const BODY_KEPT_BYTES = 2 * 1024 * 1024;

export interface SendOptions {
  port: number;
  /** a loopback address to send from, so that requests come from many clients */
  localAddress?: string;
  /** the longest wait for a well-formed request's answer */
  timeoutMs: number;
}

export function send(request: HostileRequest, options: SendOptions): Promise<Outcome> {
  return request.kind === "http" ? sendHttp(request, options) : sendRaw(request, options);
}

type Ending = Omit<Outcome, "request" | "ms">;

/** Resolves once with how the exchange ended; the client request is destroyed at the deadline. */
function exchange(
  request: HostileRequest,
  deadlineMs: number,
  begin: (finish: (ending: Ending) => void) => http.ClientRequest,
): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ending: Ending) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clientRequest.destroy();
      resolve({ ...ending, request, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish({ ending: "cut-off", body: "" }), deadlineMs);
    const clientRequest = begin(finish);
    clientRequest.on("response", (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const answered = () =>
        finish({
          ending: "answered",
          status: response.statusCode,
          contentType: response.headers["content-type"],
          body: Buffer.concat(chunks).toString("utf8"),
        });
      response.on("data", (chunk: Buffer) => {
        if (kept >= BODY_KEPT_BYTES) return;
        chunks.push(chunk);
        kept += chunk.length;
      });
      response.on("end", answered);
      // a body cut short still tells its status
      response.on("close", answered);
    });
    clientRequest.on("error", () => finish({ ending: "closed", body: "" }));
  });
}

function sendHttp(plan: HttpPlan, options: SendOptions): Promise<Outcome> {
  return exchange(plan, options.timeoutMs, () => {
    const request = http.request({
      host: LOOPBACK,
      port: options.port,
      localAddress: options.localAddress,
      method: plan.method,
      path: plan.path,
      headers: plan.headers,
      agent: false,
    });
    request.end(plan.body);
    return request;
  });
}

function sendRaw(plan: RawPlan, options: SendOptions): Promise<Outcome> {
  const deadline = plan.chunks.reduce((sum, chunk) => sum + (chunk.pauseMs ?? 0), 0) + plan.holdMs;
  return exchange(plan, deadline, (finish) => {
    const socket = connect({ host: LOOPBACK, port: options.port, localAddress: options.localAddress });
    // what the parser reads is what the server sent; what the client request writes goes nowhere
    const wire = new Duplex({
      read() {},
      write(_chunk, _encoding, done) {
        done();
      },
      destroy(error, done) {
        socket.destroy();
        done(error);
      },
    });
    socket.on("data", (chunk) => wire.push(chunk));
    socket.on("end", () => wire.push(null));
    socket.on("error", () => finish({ ending: "closed", body: "" }));
    socket.on("close", () => wire.push(null));
    void writeChunks(socket, plan.chunks);
    const request = http.request({ createConnection: () => wire, method: "GET", path: "/" });
    request.end();
    return request;
  });
}

async function writeChunks(socket: ReturnType<typeof connect>, chunks: RawPlan["chunks"]): Promise<void> {
  for (const { bytes, pauseMs } of chunks) {
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    if (socket.destroyed) return;
    socket.write(bytes);
  }
}
