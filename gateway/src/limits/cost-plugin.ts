// Demand control in Apollo: once an operation is resolved and before it runs (or is answered from
// the response cache), its cost is estimated, recorded on the request context and in the
// twingraph_operation_cost histogram, refused over the maximum, handed to onCost (the rate limit
// charges it there) and shown to the client in `extensions.cost` of the answer.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { histogram, WeightedLru } from "@twingraph/kit/http";
import { type DocumentNode, GraphQLError } from "graphql";
import type { GatewayContext } from "../context";
import { type CostInput, operationCost } from "./cost";
import type { CostSettings } from "./settings";

export const COST_LIMIT_EXCEEDED = "COST_LIMIT_EXCEEDED";

/** Called with each operation's cost before it runs; may throw a GraphQLError to refuse it. */
export type OnCost = (cost: number, context: GatewayContext) => Promise<void>;

const costs = () =>
  histogram(
    "twingraph_operation_cost",
    "Estimated cost of each operation the gateway resolved, refused ones included",
    [],
    [1, 10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 100_000],
  );

/** Sets of variables whose cost is kept per document. */
const COSTS_PER_DOCUMENT = 64;

export function costPlugin(
  settings: CostSettings,
  maxFields: number,
  onCost?: OnCost,
): ApolloServerPlugin<BaseContext> {
  // Apollo hands every request of one text the same parsed document, held in its bounded store:
  // a cost kept with it goes when it goes. Estimating anew took a tenth of the gateway's CPU per
  // request on the dossier (a CPU profile, issue 13).
  const known = new WeakMap<DocumentNode, WeightedLru<number>>();
  const costFor = (input: CostInput): number => {
    let costs = known.get(input.document);
    if (!costs) {
      costs = new WeightedLru<number>(COSTS_PER_DOCUMENT);
      known.set(input.document, costs);
    }
    const key = `${input.operationName ?? ""}\n${JSON.stringify(input.variables ?? {})}`;
    let cost = costs.get(key);
    if (cost === undefined) {
      cost = costOf(() => operationCost(input, settings));
      costs.set(key, cost, 1);
    }
    return cost;
  };
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          cost = costFor({
            schema,
            document,
            operationName: operation.name?.value,
            variables: request.variables,
            maxFields,
          });
          costs().observe(cost);
          const context = contextValue as GatewayContext;
          context.cost = cost;
          if (!isClientRequest(context)) return;
          if (cost > settings.maxCost)
            throw new GraphQLError(
              `This operation would cost ${cost}; at most ${settings.maxCost} is allowed. Ask for fewer ` +
                "items (first), fewer nested lists, or a smaller part of the network (filter.country).",
              {
                extensions: {
                  code: COST_LIMIT_EXCEEDED,
                  cost,
                  maxCost: settings.maxCost,
                  http: { status: 400 },
                },
              },
            );
          await onCost?.(cost, context);
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: cost, maximum: settings.maxCost } };
        },
      };
    },
  };
}

/**
 * Operations the gateway runs on its own behalf (the network exports, through executeOperation)
 * have no request id: they are costed, but the maximum and the rate limit are for clients.
 */
function isClientRequest(context: Partial<GatewayContext>): boolean {
  return typeof context.requestId === "string";
}

/** The cost, or the refusal of what made it impossible to estimate, coded as the client's mistake. */
function costOf(estimate: () => number): number {
  try {
    return estimate();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const tooLarge = message.includes("maximum allowed number of nodes");
    throw new GraphQLError(message, {
      extensions: {
        code: tooLarge ? "OPERATION_LIMIT_EXCEEDED" : "BAD_USER_INPUT",
        ...(tooLarge ? { limit: "fields" } : {}),
        http: { status: 400 },
      },
    });
  }
}
