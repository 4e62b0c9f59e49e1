// Client mistakes that graphql-js 16 lets through validation and the gateway's query planner then
// rejects as internal errors (HTTP 500): an operation type the schema lacks, a number literal too
// large for a double, and a request whose operation cannot be picked. Each is answered here as the
// client's mistake, HTTP 400 with a code.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  type FloatValueNode,
  GraphQLError,
  getNamedType,
  type IntValueNode,
  Kind,
  type OperationDefinitionNode,
  type ValidationRule,
} from "graphql";

/** `subscription { … }` on a graph without subscriptions (graphql-js 17 adds this rule as KnownOperationTypesRule). */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This graph has no ${node.operation} type.`, { nodes: node }));
  },
});

/**
 * `communities(resolution: 1e400)`: graphql-js reads a Float literal (or an Int literal where a
 * Float is expected) beyond a double's range as Infinity, which no Float may be, and lets it through.
 */
export const finiteNumbersRule: ValidationRule = (context) => {
  const check = (node: IntValueNode | FloatValueNode) => {
    const expected = context.getInputType();
    if (!expected || getNamedType(expected).name !== "Float" || Number.isFinite(Number(node.value))) return;
    context.reportError(
      new GraphQLError(`The number ${node.value} is out of range: a Float must be finite.`, { nodes: node }),
    );
  };
  return { IntValue: check, FloatValue: check };
};

export const OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE";

/** The operation to run must be found; Apollo would otherwise hand the gateway a request it fails on. */
export function operationResolutionPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          const operations = document.definitions.filter(
            (definition): definition is OperationDefinitionNode =>
              definition.kind === Kind.OPERATION_DEFINITION,
          );
          throw new GraphQLError(unresolved(request.operationName, operations.length), {
            extensions: { code: OPERATION_RESOLUTION_FAILURE, http: { status: 400 } },
          });
        },
      };
    },
  };
}

function unresolved(operationName: string | undefined, operations: number): string {
  if (operationName === "")
    return "operationName is empty: name one of the document's operations, or leave it out when there is one.";
  if (operationName !== undefined) return `The document has no operation named "${operationName}".`;
  return `The document has ${operations} operations: name the one to run in operationName.`;
}
