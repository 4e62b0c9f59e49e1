// The one hash the widget and the gateway must agree on: a persisted operation's id is the sha256
// of its exact text.
import { createHash } from "node:crypto";

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}
