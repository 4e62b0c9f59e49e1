// Why an input (a page, a feed, a file) cannot be ingested: one error class with a code the CLI and the
// ingestNews mutation report, and a reason a person can act on ("Closing tag 'tit' … (line 4, column 20)").

export type IngestErrorCode = "EMPTY" | "NOT_HTML" | "BROKEN_FEED" | "TOO_LARGE" | "NO_TEXT" | "UNSUPPORTED";

export class IngestError extends Error {
  constructor(
    public readonly reason: string,
    public readonly code: IngestErrorCode,
  ) {
    super(`${code}: ${reason}`);
    this.name = "IngestError";
  }
}
