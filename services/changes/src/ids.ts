// Changeset ids: "cs_" and 16 characters of lower-case base32, random, so that nobody can guess
// another's open changeset and ids from different machines never meet.
import { randomBytes } from "node:crypto";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const ID_LENGTH = 16;

export function newChangesetId(): string {
  let id = "cs_";
  // 256 is a multiple of 32, so each character is uniform
  for (const byte of randomBytes(ID_LENGTH)) id += BASE32[byte % BASE32.length];
  return id;
}
