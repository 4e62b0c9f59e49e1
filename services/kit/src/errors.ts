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

/**
 * The longest country argument: an ISO code or an English name, the longest of which the country
 * tables know is 80 characters ("Hong Kong Специальный административный район …"). Country names
 * are parsed with regular expressions whose work grows with the square of the length.
 */
export const MAX_COUNTRY_ARGUMENT = 100;

/**
 * The longest date argument: every accepted form ("2008", "2008-05", "2008-05-22") has at most 10
 * characters; the rest of the room lets a near miss (a timestamp) hear which forms are accepted
 * rather than only how long it may be, without a long value echoed back in the message.
 */
export const MAX_DATE_ARGUMENT = 32;

/**
 * A text argument of at most `max` characters (code points, so an emoji counts once); absent stays
 * absent. Text reaches SQL patterns and parsers whose work, and the error messages that quote it,
 * grow with its length, so it is refused before any of them sees it.
 */
export function checkTextLength<T extends string | null | undefined>(
  value: T,
  argument: string,
  max: number,
): T {
  if (value === null || value === undefined || value.length <= max) return value;
  const length = characterCount(value);
  if (length > max) throw badUserInput(argument, `must be at most ${max} characters long, got ${length}`);
  return value;
}

function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
