// What every export says about where its data comes from, as plain text for file metadata and HTTP
// headers.
import type { NetworkData, NetworkSource } from "./network-data";

/** "doc <url>; doc2" */
export function sourcesText(sources: NetworkSource[]): string {
  return sources
    .map((source) => (source.url ? `${source.document} <${source.url}>` : source.document))
    .join("; ");
}

/**
 * The description and the sources on one line, for formats without a place for metadata (CSV): the
 * HTTP layer sends it in a header, so line breaks are folded. Non-Latin-1 characters stay; a header
 * needs them encoded (e.g. RFC 8187).
 */
export function creditLine(data: NetworkData): string {
  const line = data.sources.length
    ? `${data.description}. Sources: ${sourcesText(data.sources)}`
    : data.description;
  return line.replace(/\s+/g, " ").trim();
}
