// Client mistakes become GraphQL errors with a machine-readable code and a message that names the
// argument and the rule it broke, so the gateway answers them without an HTTP 500.
import { GraphQLError } from "graphql";

export function badUserInput(argument: string, rule: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}" ${rule}.`, {
    extensions: { code: "BAD_USER_INPUT", argumentName: argument },
  });
}
