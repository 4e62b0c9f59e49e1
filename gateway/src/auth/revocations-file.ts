// The revoked accounts in a JSON file, `{ "revocations": [ { subject, revokedAt, reason, revokedBy } ] }`,
// for a gateway without Redis: read at start (a file that cannot be read stops the start rather than
// let revoked tokens in), read again whenever it changes (another gateway on the same data directory,
// or an operator's edit), and written whole to a temporary file renamed over it, so that a reader
// never sees half a list and a crash never leaves one.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  unwatchFile,
  watchFile,
  writeSync,
} from "node:fs";
import path from "node:path";
import { logger } from "@twingraph/kit/http";
import {
  isRevocation,
  type Revocation,
  RevocationCopy,
  type RevocationList,
  revocationsUnavailable,
} from "./revocations";

/** How often the file's status is polled for a change made elsewhere. */
export const REVOCATIONS_FILE_POLL_MS = 1_000;

export function fileRevocationList(file: string): RevocationList {
  const copy = new RevocationCopy();
  copy.replace(readRevocationsFile(file));
  const onChange = () => {
    try {
      copy.replace(readRevocationsFile(file));
    } catch (error) {
      logger.error(
        { file, err: error },
        "the revocations file cannot be read; the gateway keeps its last copy",
      );
    }
  };
  // polled rather than watched: the rename that replaces the file ends a watch on the old one
  watchFile(file, { persistent: false, interval: REVOCATIONS_FILE_POLL_MS }, onChange);
  return {
    revokedAt: async (subject) => copy.revokedAt(subject),
    async revoke(revocation) {
      // read again first: another gateway on this data directory may have revoked one meanwhile
      const next = new RevocationCopy();
      next.replace([...readStored(file), revocation]);
      try {
        writeAtomically(file, `${JSON.stringify({ revocations: next.all() }, null, 2)}\n`);
      } catch (error) {
        throw revocationsUnavailable(`${file} cannot be written: ${(error as Error).message}`);
      }
      copy.replace(next.all());
    },
    async list() {
      copy.replace(readStored(file));
      return copy.all();
    },
    async close() {
      unwatchFile(file, onChange);
    },
  };
}

/** The file's revocations for an admin's request: one that cannot be read is a 503, never overwritten. */
function readStored(file: string): Revocation[] {
  try {
    return readRevocationsFile(file);
  } catch (error) {
    throw revocationsUnavailable((error as Error).message);
  }
}

/** No file is no revocation; anything but a list of revocations is an error naming the file. */
export function readRevocationsFile(file: string): Revocation[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new Error(`The revocations file ${file} cannot be read: ${(error as Error).message}`);
  }
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch (error) {
    throw new Error(`The revocations file ${file} is not JSON: ${(error as Error).message}`);
  }
  const revocations = (stored as { revocations?: unknown } | null)?.revocations;
  if (!Array.isArray(revocations))
    throw new Error(`The revocations file ${file} must hold {"revocations": [ … ]}.`);
  revocations.forEach((revocation: unknown, index) => {
    if (!isRevocation(revocation))
      throw new Error(
        `Revocation ${index + 1} of ${file} must have a subject, an ISO revokedAt, a reason and revokedBy.`,
      );
  });
  return revocations as Revocation[];
}

/** Written and flushed beside the file, then renamed over it: readers see the old list or the new. */
function writeAtomically(file: string, contents: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const descriptor = openSync(temporary, "wx", 0o600);
    try {
      writeSync(descriptor, contents);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
