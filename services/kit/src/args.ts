// Validation of list-size, date and id arguments shared by every subgraph.
import { countryCodeFromName, isCountryCode } from "./countries";
import { isIsoDate } from "./dates";
import { badUserInput } from "./errors";

export const MAX_PAGE_SIZE = 100;

export function checkFirst(first: number | null, argument = "first"): number {
  if (first === null || !Number.isInteger(first) || first < 0)
    throw badUserInput(argument, `must be a non-negative integer, got ${first}`);
  if (first > MAX_PAGE_SIZE) throw badUserInput(argument, `must be at most ${MAX_PAGE_SIZE}, got ${first}`);
  return first;
}

export function checkOffset(offset: number | null, argument = "offset"): number {
  if (offset === null || !Number.isInteger(offset) || offset < 0)
    throw badUserInput(argument, `must be a non-negative integer, got ${offset}`);
  return offset;
}

export function checkDate(value: string | null | undefined, argument: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isIsoDate(value)) {
    throw badUserInput(
      argument,
      `must be an ISO 8601 date such as "2008", "2008-05" or "2008-05-22", got "${value}"`,
    );
  }
  return value;
}

/** The distinct ids, when there are at least `minimum` of them and none is empty. */
export function checkIdList(ids: readonly string[], argument: string, minimum: number): string[] {
  if (ids.some((id) => id.trim() === "")) throw badUserInput(argument, "must not hold empty ids");
  const distinct = [...new Set(ids)];
  if (distinct.length < minimum) {
    throw badUserInput(argument, `must hold at least ${minimum} distinct ids, got ${distinct.length}`);
  }
  return distinct;
}

export function checkNonEmpty(value: string, argument: string): string {
  if (value.trim() === "") throw badUserInput(argument, "must not be empty");
  return value;
}

/** An ISO 3166-1 alpha-2 code or an English country name, as the code; absent stays absent. */
export function checkCountry(country: string | null | undefined, argument = "country"): string | undefined {
  if (country === null || country === undefined) return undefined;
  if (isCountryCode(country)) return country.toUpperCase();
  const code = countryCodeFromName(country);
  if (!code)
    throw badUserInput(
      argument,
      `must be an ISO 3166-1 alpha-2 code or an English country name, got "${country}"`,
    );
  return code;
}
