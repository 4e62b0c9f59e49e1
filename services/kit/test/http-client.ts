// What the HTTP front's tests need below fetch: raw bytes on a socket (broken requests, slow bodies,
// idle connections) and a small GraphQL server whose one slow field waits until the test says so.
import net from "node:net";
import { ApolloServer, type BaseContext } from "@apollo/server";
import { type RunningServer, type ServeOptions, serve } from "../src/serve";

export interface Gate {
  /** resolves once a slow field has started */
  started: Promise<void>;
  open(): void;
}

export function gate(): Gate & { wait(): Promise<void> } {
  let markStarted: () => void = () => undefined;
  let open: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    started,
    open,
    wait: () => {
      markStarted();
      return opened;
    },
  };
}

/** `{ hello }` answers at once; `{ slow }` waits for the gate the test holds. */
export async function startTestServer(
  options: Partial<ServeOptions<BaseContext>> = {},
  slow = gate(),
): Promise<RunningServer & { base: string; slow: Gate }> {
  const apollo = new ApolloServer({
    typeDefs: /* GraphQL */ `
      type Query {
        hello: String
        slow: String
      }
    `,
    resolvers: {
      Query: {
        hello: () => "world",
        slow: async () => {
          await slow.wait();
          return "done";
        },
      },
    },
    stopOnTerminationSignals: false,
  });
  const running = await serve(apollo, { port: 0, host: "127.0.0.1", context: async () => ({}), ...options });
  return { ...running, base: `http://127.0.0.1:${running.port}`, slow };
}

export function postJson(base: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

export interface ErrorAnswer {
  errors: { message: string; extensions: { code: string } }[];
}

export async function codeOf(response: Response): Promise<string> {
  return ((await response.json()) as ErrorAnswer).errors[0]?.extensions.code ?? "";
}

/** A socket to the server and everything it received, with a promise for its close. */
export async function openSocket(
  port: number,
): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
  const socket = net.connect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk) => {
    received += chunk.toString();
  });
  socket.on("error", () => undefined);
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  return { socket, received: () => received, closed };
}

/** Sends raw bytes and resolves with all the server sent once it closed the connection. */
export async function rawExchange(port: number, bytes: string | Buffer): Promise<string> {
  const { socket, received, closed } = await openSocket(port);
  socket.write(bytes);
  await closed;
  return received();
}

/** The JSON body of a raw HTTP answer. */
export function bodyOf(raw: string): ErrorAnswer {
  return JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4)) as ErrorAnswer;
}

/** Resolves once `condition` holds, checking every 10 ms (the test's own timeout bounds the wait). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
