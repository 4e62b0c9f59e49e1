// Changeset ids bound to their author: "cs_", 16 random characters, "_" and a MAC of the random part
// and the author's subject. Only the changes subgraph holds the changeset rows, so the MAC is what
// lets every data subgraph tell, alone, whether a changeset is the viewer's: nobody can stage into
// another account's changeset, or into one that was never opened, and so lock its author out.
//
// The MAC's key is derived from the gateway secret, which the gateway and every subgraph share
// (derived, so that the secret itself serves one purpose only). Without a secret (in-process
// federations, unit tests) it is a random key made once per process: ids hold within that process.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { badUserInput } from "../errors";
import { gatewaySecretFromEnv } from "../secret";

/** Lower-case base32 (RFC 4648's alphabet): readable, and safe in URLs and file names. */
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const RANDOM_LENGTH = 16;
/** 10 bytes of the HMAC, 80 bits: every guess at a forgery costs a request */
const MAC_BYTES = 10;
const KEY_LABEL = "twingraph changeset ids";

/** "cs_", the random part and the MAC, 16 lower-case base32 characters each, joined by "_". */
export const CHANGESET_ID_PATTERN = /^cs_([a-z2-7]{16})_([a-z2-7]{16})$/;

let processKey: Buffer | undefined;

/** A new changeset id of the author's (the account's subject). */
export function newChangesetId(authorSubject: string, env: NodeJS.ProcessEnv = process.env): string {
  let random = "";
  // 256 is a multiple of 32, so each character is uniform
  for (const byte of randomBytes(RANDOM_LENGTH)) random += BASE32[byte % BASE32.length];
  return `cs_${random}_${mac(random, authorSubject, env)}`;
}

/** Whether the id was made for this account; false for an id of another form. Constant-time. */
export function changesetOwnedBy(
  changesetId: string,
  subject: string,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const parts = typeof changesetId === "string" ? CHANGESET_ID_PATTERN.exec(changesetId) : null;
  if (!parts) return false;
  const [, random, given] = parts;
  // both are 16 ASCII characters, as the pattern requires
  return timingSafeEqual(Buffer.from(mac(random, subject, env)), Buffer.from(given));
}

export function checkChangesetId(changesetId: string, argument = "changesetId"): void {
  if (typeof changesetId !== "string" || !CHANGESET_ID_PATTERN.test(changesetId))
    throw badUserInput(
      argument,
      'must be a changeset id as openChangeset gives it: "cs_", 16 letters or digits, "_" and 16 more',
    );
}

function mac(random: string, subject: string, env: NodeJS.ProcessEnv): string {
  const digest = createHmac("sha256", idKey(env)).update(`${random}:${subject}`).digest();
  return base32(digest.subarray(0, MAC_BYTES));
}

/** Read at each call, as the secret may be set after this module loads (a test process sets it once). */
function idKey(env: NodeJS.ProcessEnv): Buffer {
  const secret = gatewaySecretFromEnv(env);
  if (!secret) {
    processKey ??= randomBytes(32);
    return processKey;
  }
  return createHmac("sha256", secret).update(KEY_LABEL).digest();
}

function base32(bytes: Uint8Array): string {
  let text = "";
  let value = 0;
  let bits = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += BASE32[(value >>> bits) & 31];
    }
  }
  return text;
}
