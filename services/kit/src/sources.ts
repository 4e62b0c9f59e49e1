// Source records: where a fact comes from, stored as JSON beside each record.

export interface SourceRecord {
  document: string;
  quote?: string | null;
  url?: string | null;
  publishedOn?: string | null;
  language?: string | null;
  /** where the quote stands in the document's stored text (a news item's): UTF-16 offsets, end exclusive */
  start?: number | null;
  end?: number | null;
  /** how sure a machine reading was of the fact it quoted, 0..1; absent for facts a person wrote */
  confidence?: number | null;
}

/** Adds the sources that are not there yet; the same document and quote count once. */
export function mergeSources(
  existing: readonly SourceRecord[],
  added: readonly SourceRecord[],
): SourceRecord[] {
  const key = (source: SourceRecord) => `${source.document}\u0000${source.quote ?? ""}`;
  const seen = new Set(existing.map(key));
  const merged = [...existing];
  for (const source of added) {
    if (!seen.has(key(source))) {
      seen.add(key(source));
      merged.push(source);
    }
  }
  return merged;
}
