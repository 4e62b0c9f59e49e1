// Documents that passed the limits, kept by their text: clients send the same few operations again
// and again, and parsing, measuring and walking each anew took about a tenth of the gateway's CPU per
// request on the dossier (a CPU profile, issue 13). Refused documents are not kept: each is checked
// again, as cheaply as the first time. The schema a document was checked against is part of the key,
// so a new supergraph checks everything anew.
import { WeightedLru } from "@twingraph/kit/http";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { checkDocument } from "./document";
import { DOCUMENT_HEAP_PER_JSON_BYTE, ENTRY_OVERHEAD_BYTES } from "./memory-cache";
import type { OperationLimits } from "./settings";

export class CheckedDocuments {
  private readonly documents: WeightedLru<DocumentNode>;
  private schema: GraphQLSchema | undefined;

  /** `maxBytes`: the heap the kept texts and their parsed documents may take. */
  constructor(maxBytes: number) {
    this.documents = new WeightedLru(maxBytes);
  }

  /** checkDocument's answer, from memory when this text passed against this schema before. */
  check(source: string, schema: GraphQLSchema, limits: OperationLimits): DocumentNode | undefined {
    if (schema !== this.schema) {
      this.documents.clear();
      this.schema = schema;
    }
    const known = this.documents.get(source);
    if (known) return known;
    const document = checkDocument(source, schema, limits);
    if (document) this.documents.set(source, document, heapBytes(source, document));
    return document;
  }
}

function heapBytes(source: string, document: DocumentNode): number {
  return (
    Buffer.byteLength(source) +
    ENTRY_OVERHEAD_BYTES +
    Buffer.byteLength(JSON.stringify(document)) * DOCUMENT_HEAP_PER_JSON_BYTE
  );
}
