// How big a document is once every fragment spread is replaced by its fragment, counted without
// doing so: each fragment's size is computed once and reused wherever it is spread, so a document of
// fragments that each spread the next twice is measured in linear time although it expands to 2^n.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export interface Expansion {
  /** fields of every operation, and of fragments no operation spreads, fragments inlined */
  fields: number;
  /** the most fields at the root of one operation, fragments inlined */
  rootFields: number;
}

interface Size {
  /** fields at every level */
  fields: number;
  /** fields at the top level only */
  top: number;
}

const EMPTY: Size = { fields: 0, top: 0 };

/** Sums beyond this are all "too many"; it keeps them exact integers. */
const SATURATED = Number.MAX_SAFE_INTEGER;

export function expansionOf(document: DocumentNode): Expansion {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const sizes = new Map<string, Size>();
  const inProgress = new Set<string>();

  const fragmentSize = (name: string): Size => {
    const known = sizes.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // an unknown fragment or a cycle is a validation error Apollo reports; it adds nothing here
    if (!fragment || inProgress.has(name)) return EMPTY;
    inProgress.add(name);
    const size = selectionSetSize(fragment.selectionSet);
    inProgress.delete(name);
    sizes.set(name, size);
    return size;
  };

  const selectionSetSize = (selectionSet: SelectionSetNode): Size => {
    let fields = 0;
    let top = 0;
    for (const selection of selectionSet.selections) {
      const inner =
        selection.kind === Kind.FIELD
          ? {
              fields: 1 + (selection.selectionSet ? selectionSetSize(selection.selectionSet).fields : 0),
              top: 1,
            }
          : selection.kind === Kind.INLINE_FRAGMENT
            ? selectionSetSize(selection.selectionSet)
            : fragmentSize(selection.name.value);
      fields = Math.min(SATURATED, fields + inner.fields);
      top = Math.min(SATURATED, top + inner.top);
    }
    return { fields, top };
  };

  let fields = 0;
  let rootFields = 0;
  for (const operation of operations) {
    const size = selectionSetSize(operation.selectionSet);
    fields = Math.min(SATURATED, fields + size.fields);
    rootFields = Math.max(rootFields, size.top);
  }
  // validation walks unused fragments as well
  for (const name of fragments.keys())
    if (!sizes.has(name)) fields = Math.min(SATURATED, fields + fragmentSize(name).fields);
  return { fields, rootFields };
}
