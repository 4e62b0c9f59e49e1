// The code an input refusal carries, for the page, feed and input tests.
import { IngestError } from "../src/errors";

/** The IngestError code `run` throws; null when it throws nothing, a description of anything else. */
export function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof IngestError ? error.code : `not an IngestError: ${String(error)}`;
  }
}
