// In-memory caches bounded by the memory their entries take, not by their text alone: Apollo's
// defaults count a string's length or a document's JSON, so 20,000 short entries take several times
// what they are counted (measured in gateway/test/persisted-memory.test.ts).
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { DocumentNode } from "graphql";

/** What a string entry takes beyond its key and value: lru-cache's bookkeeping and V8's headers (~190 measured). */
export const ENTRY_OVERHEAD_BYTES = 256;

/** The bytes a string entry is accounted: key and value as UTF-8 (never less than V8 holds) and the overhead. */
export function entryBytes(key: string, value: string): number {
  return Buffer.byteLength(key) + Buffer.byteLength(value) + ENTRY_OVERHEAD_BYTES;
}

/** Strings by key, the least recently used dropped first to stay within maxBytes. */
export function byteBoundedCache(maxBytes: number): InMemoryLRUCache<string> {
  return new InMemoryLRUCache<string>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) => entryBytes(key, value),
  });
}

/** A parsed document takes about four times its JSON in V8's heap (4.1 to 5.1 measured); counted as five. */
export const DOCUMENT_HEAP_PER_JSON_BYTE = 5;

/** Apollo's store of parsed, validated documents, accounted by the heap they take. */
export function documentCache(maxBytes: number): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: maxBytes,
    sizeCalculation: (document) => Buffer.byteLength(JSON.stringify(document)) * DOCUMENT_HEAP_PER_JSON_BYTE,
  });
}
