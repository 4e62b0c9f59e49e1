// Who sent a request: the account its bearer token names, verified once, before the body is read,
// and remembered for the request's context. No Authorization header (or an empty one) is an
// anonymous reader; anything else that is not a good token is refused.
import type { IncomingMessage } from "node:http";
import type { Viewer } from "@twingraph/kit/http";
import { type TokenVerifier, unauthenticated } from "./verifier";

const viewers = new WeakMap<IncomingMessage, Viewer>();

/** The account authenticate() found for this request; undefined for an anonymous one. */
export function viewerOf(request: IncomingMessage): Viewer | undefined {
  return viewers.get(request);
}

/** Verifies the request's bearer token, if it has one; a token that fails is a 401 UNAUTHENTICATED. */
export async function authenticate(request: IncomingMessage, verifier: TokenVerifier): Promise<void> {
  const token = bearerToken(request.headers.authorization);
  if (token !== undefined) viewers.set(request, await verifier.verify(token));
}

/** The token of `Authorization: Bearer <token>`; undefined without one (clients send "" when signed out). */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
  if (token === undefined)
    throw unauthenticated('The Authorization header must be "Bearer <token>": a JWT after the word Bearer.');
  return token;
}
