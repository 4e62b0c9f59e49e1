// What an operation costs before it runs (demand control), estimated from the schema and its
// arguments with graphql-query-complexity: an object 1, a scalar 0, a list its length times its
// items (the length from `first`, capped as the subgraphs cap it, or an assumed length), and the
// network's measures by the work they do on the view the filter selects. docs/limits.md shows the
// model with a worked example.

import {
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
} from "graphql";
import {
  type ComplexityEstimator,
  type ComplexityEstimatorArgs,
  getComplexity,
} from "graphql-query-complexity";
import type { CostSettings } from "./settings";

/** The subgraphs' page size: no ordinary list answers more (MAX_PAGE_SIZE in the kit). */
const MAX_PAGE = 100;
/** The network's export lists answer up to this many per page. */
const MAX_EXPORT_PAGE = 100_000;
/**
 * The searches a new centrality computation runs at most: one per place while the exact scores fit
 * the subgraph's CPU limit, else an estimate from a sample of this many places (docs/network.md).
 */
const MAX_CENTRALITY_SEARCHES = 500;

/** The part of the network a `network(filter)` looks at, as far as the cost is concerned. */
interface View {
  places: number;
  /** the whole network, whose slow centrality measures are computed ahead, once per data revision */
  precomputed: boolean;
}

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string;
  variables?: Record<string, unknown>;
  /** the largest expanded size the guard lets through, which bounds the walk here too */
  maxFields: number;
}

/**
 * The cost of the operation named (or the document's only one). Throws graphql-query-complexity's
 * errors: variables that do not coerce, or a document larger than maxFields.
 */
export function operationCost(input: CostInput, settings: CostSettings): number {
  const views: View[] = [];
  // a first walk reads the filter of every network field; the cost then takes the largest view
  // for every measure, as graphql-query-complexity costs a field's children before the field
  walk(input, [viewRecorder(settings, views)]);
  const view = views.reduce(larger, { places: 0, precomputed: true });
  return Math.ceil(walk(input, [costEstimator(settings, view)]));
}

function walk(input: CostInput, estimators: ComplexityEstimator[]): number {
  return getComplexity({
    estimators,
    schema: input.schema,
    query: input.document,
    operationName: input.operationName,
    variables: input.variables,
    maxQueryNodes: input.maxFields * 2,
  });
}

function larger(a: View, b: View): View {
  const work = (view: View) => view.places * (view.precomputed ? 1 : view.places);
  return work(b) > work(a) ? b : a;
}

function viewRecorder(settings: CostSettings, views: View[]): ComplexityEstimator {
  return ({ type, field, args }) => {
    if (type.name === "Query" && field.name === "network") views.push(viewOf(args.filter, settings));
    return 0;
  };
}

interface NetworkFilter {
  country?: string | null;
  kinds?: unknown[] | null;
  statuses?: unknown[] | null;
  from?: string | null;
  to?: string | null;
}

function viewOf(filter: NetworkFilter | null | undefined, settings: CostSettings): View {
  if (filter?.country) return { places: settings.countryPlaces, precomputed: false };
  const narrowed = Boolean(filter?.kinds?.length || filter?.statuses?.length || filter?.from || filter?.to);
  return { places: settings.networkPlaces, precomputed: !narrowed };
}

function costEstimator(settings: CostSettings, view: View): ComplexityEstimator {
  return (options) => {
    const { type, field, childComplexity } = options;
    // introspection reads the schema in memory; graphql-js's MaxIntrospectionDepthRule bounds it
    if (field.name.startsWith("__") || type.name.startsWith("__")) return 0;
    const item = isCompositeType(getNamedType(field.type))
      ? 1 + childComplexity * pageFactor(options, settings)
      : 0;
    const items = isListType(getNullableType(field.type)) ? listLength(options, settings, view) : 1;
    return items * item + work(options, view);
  };
}

/** How many items a list field answers: its `first` (the default applied), capped as the subgraphs cap it. */
function listLength({ field, args }: ComplexityEstimatorArgs, settings: CostSettings, view: View): number {
  if (typeof args.first !== "number") return settings.assumedListSize;
  const isExport = field.name === "nodes" || field.name === "links";
  const cap = isExport ? Math.min(MAX_EXPORT_PAGE, view.places) : MAX_PAGE;
  return Math.min(Math.max(args.first, 0), cap);
}

/**
 * Fields that are one object whose lists are sized by the field's own arguments (a neighbourhood
 * lists up to `first` places; components and communities `first` groups of `citiesPerGroup`): their
 * children, costed at the assumed list length, are scaled to the lengths asked for.
 */
function pageFactor({ type, field, args }: ComplexityEstimatorArgs, settings: CostSettings): number {
  if (type.name !== "Network") return 1;
  const scale = (value: unknown) =>
    typeof value === "number" ? Math.min(Math.max(value, 0), MAX_PAGE) / settings.assumedListSize : 1;
  if (field.name === "neighbourhood") return scale(args.first);
  if (field.name === "components" || field.name === "communities")
    return scale(args.first) * scale(args.citiesPerGroup);
  return 1;
}

/** The computation a field starts on the network view, beyond the objects it answers. */
function work({ type, field, args }: ComplexityEstimatorArgs, view: View): number {
  const linear = view.places / 100;
  if (type.name === "Query" && field.name === "network") return linear;
  if (type.name !== "Network") return 0;
  switch (field.name) {
    case "ranking":
      // one breadth-first search over the view per place, or per sampled place on a large view
      return args.by === "DEGREE" || view.precomputed
        ? linear
        : (view.places * Math.min(view.places, MAX_CENTRALITY_SEARCHES)) / 10_000;
    case "neighbourhood":
      return linear * (typeof args.depth === "number" ? Math.max(args.depth, 1) : 1);
    case "communities":
      // Louvain: several passes over every link until the modularity stops rising
      return linear * 10;
    case "path":
    case "components":
    case "countryMatrix":
    case "distances":
    case "startsPerYear":
    case "sources":
    case "nodes":
    case "links":
      return linear;
    default:
      return 0;
  }
}
