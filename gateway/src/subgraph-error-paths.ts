// A failed subgraph fetch answered as one error per field it leaves null, so that a client can tell
// which nulls an error explains. @apollo/gateway places a fetch's error paths in the client's answer
// (executeQueryPlan.js, makeLazyErrorPathGenerator): a root fetch's path is prefixed with where the
// fetch sits, and ["_entities", i, ...rest] of an entity fetch becomes the path of the i-th entity
// sent followed by rest.
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from "graphql";

type Path = (string | number)[];
type FetchRequest = GraphQLDataSourceProcessOptions["request"];

/** Beyond this many errors a failed fetch gets one summary: a dead subgraph must not swell answers. */
export const MAX_ERRORS_PER_FETCH = 100;

/**
 * The errors for a fetch that failed: `error` on the path of each field it leaves null, at most
 * MAX_ERRORS_PER_FETCH of them, then a pathless one counting the rest; only `error` itself when the
 * fields cannot be told.
 */
export function errorsOnNulledFields(
  error: GraphQLFormattedError,
  request: FetchRequest,
  document?: DocumentNode,
): GraphQLFormattedError[] {
  const errors: GraphQLFormattedError[] = [];
  let unlisted = 0;
  for (const path of nulledPaths(request, document)) {
    if (errors.length < MAX_ERRORS_PER_FETCH) errors.push({ ...error, path });
    else unlisted++;
  }
  if (errors.length === 0) return [error];
  if (unlisted > 0)
    errors.push({
      ...error,
      message: `${error.message} ${unlisted} more null fields have no error of their own.`,
    });
  return errors;
}

/** The paths, relative to the fetch, of the fields a failed fetch leaves null; none when unknown. */
function* nulledPaths(request: FetchRequest, document = parsed(request.query)): Generator<Path> {
  if (!document) return;
  const fragments = new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) return;
  const keysOf = (set: SelectionSetNode, typename?: string) => responseKeys(set, fragments, typename);

  const [root, ...others] = operation.selectionSet.selections;
  const entities =
    root?.kind === Kind.FIELD && root.name.value === "_entities" && others.length === 0
      ? root.selectionSet
      : undefined;
  if (!entities) {
    for (const key of keysOf(operation.selectionSet)) yield [key];
    return;
  }
  const representations = request.variables?.representations;
  if (!Array.isArray(representations)) return;
  // one entity type's fields, asked of each of its (often many) representations
  const keysByType = new Map<string, string[]>();
  for (const [index, representation] of representations.entries()) {
    const typename = (representation as { __typename?: unknown })?.__typename;
    if (typeof typename !== "string") continue;
    const keys = keysByType.get(typename) ?? keysOf(entities, typename);
    keysByType.set(typename, keys);
    for (const key of keys) yield ["_entities", index, key];
  }
}

function parsed(query: string | undefined): DocumentNode | undefined {
  if (!query) return undefined;
  try {
    return parse(query);
  } catch {
    return undefined; // the gateway wrote it, so this does not happen; the error then goes without a path
  }
}

/**
 * The response keys a selection set answers, through its fragments; with a typename, only through
 * fragments on that type (an `_entities` selection holds one fragment per entity type).
 */
function responseKeys(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  typename?: string,
): string[] {
  const keys = new Set<string>();
  const visit = (selections: SelectionSetNode["selections"]): void => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== "__typename") keys.add((selection.alias ?? selection.name).value);
        continue;
      }
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      const condition = fragment?.typeCondition?.name.value;
      if (fragment && (!typename || !condition || condition === typename))
        visit(fragment.selectionSet.selections);
    }
  };
  visit(set.selections);
  return [...keys];
}
