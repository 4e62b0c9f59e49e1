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

/** A query plan takes about 2.5 times its JSON in V8's heap (2.48 to 2.53 measured); counted as three. */
export const PLAN_HEAP_PER_JSON_BYTE = 3;

/** Apollo's store of parsed, validated documents, accounted by the heap they take. */
export function documentCache(maxBytes: number): InMemoryLRUCache<DocumentNode> {
  return heapAccountedCache(maxBytes, DOCUMENT_HEAP_PER_JSON_BYTE);
}

/**
 * The gateway's query plans, accounted by the heap they take. Apollo's own store counts a plan's
 * JSON alone: its 8 MiB held about 2.5 times that, and some 400,000 plans of `{ __typename }`
 * (20 bytes of JSON, 130 of heap with their key), each kept until the store was full.
 */
export function queryPlanCache<Plan extends object>(maxBytes: number): InMemoryLRUCache<Plan> {
  return heapAccountedCache(maxBytes, PLAN_HEAP_PER_JSON_BYTE);
}

/** Objects by key, each counted as its JSON times what V8 holds per JSON byte, with its key and the overhead. */
function heapAccountedCache<T extends object>(
  maxBytes: number,
  heapPerJsonByte: number,
): InMemoryLRUCache<T> {
  return new InMemoryLRUCache<T>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) =>
      Buffer.byteLength(key) +
      ENTRY_OVERHEAD_BYTES +
      Buffer.byteLength(JSON.stringify(value)) * heapPerJsonByte,
  });
}
