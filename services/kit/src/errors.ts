// Client mistakes and refusals become GraphQL errors with a machine-readable code and a message that
// names the argument and the rule it broke, or the limit met, so the gateway answers them without
// an HTTP 500.
import { GraphQLError } from "graphql";

export function badUserInput(argument: string, rule: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}" ${rule}.`, {
    extensions: { code: "BAD_USER_INPUT", argumentName: argument },
  });
}

/** A refusal that is not the client's mistake (busy, not ready, too expensive), with its figures. */
export function codedError(
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/**
 * The most items a list argument may hold. Each item is looked up, so a long list costs the
 * database and the answer in proportion; pages beyond are the client's to ask for.
 */
export const MAX_LIST_ARGUMENT = 100;

export function checkListLength<T>(
  list: readonly T[],
  argument: string,
  max = MAX_LIST_ARGUMENT,
): readonly T[] {
  if (list.length > max) throw badUserInput(argument, `must hold at most ${max} items, got ${list.length}`);
  return list;
}
