// What every news mutation does with its arguments: stage the edit in its changeset through the kit
// (which checks the account, the source, the changeset, the version and the values) and answer with
// the edit as proposed. Nothing is applied here: applying is the changes subgraph's to decide.
import { randomBytes } from "node:crypto";
import {
  badUserInput,
  checkNonEmpty,
  type ProposedEdit,
  proposeEdit,
  type RecordValues,
  type StageRequest,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { slug } from "@twingraph/kit/text";
import { newsEditRegistry } from "../editing";

export function propose(context: SubgraphContext, request: StageRequest): Promise<ProposedEdit> {
  return proposeEdit(context, newsEditRegistry, request);
}

/** The longest record id a create may give, and the longest slug a generated one takes from a name. */
const MAX_ID_LENGTH = 128;
const MAX_SLUG_LENGTH = 48;

/**
 * The id a create gives, checked; or a new one, `<kind>-<slug of what names it>-<6 random hex>`, which
 * reads like the seed's ids and cannot meet another create's.
 */
export function recordId(given: string | null | undefined, kind: string, naming: string): string {
  if (given !== null && given !== undefined) {
    checkNonEmpty(given, "input.id");
    if (given.length > MAX_ID_LENGTH || /\s/.test(given))
      throw badUserInput("input.id", `must be at most ${MAX_ID_LENGTH} characters without spaces`);
    return given;
  }
  const named = slug(naming).slice(0, MAX_SLUG_LENGTH).replace(/-+$/, "");
  return [kind, named, randomBytes(3).toString("hex")].filter((part) => part !== "").join("-");
}

/**
 * The fields a patch names: an omitted one is undefined and left out; an explicit null stays, so
 * that a nullable field can be cleared and a required one refused by the entity's checks. A list
 * given as null is an empty list.
 */
export function patchFields(input: object, lists: readonly string[]): RecordValues {
  const named: RecordValues = {};
  for (const [field, value] of Object.entries(input))
    if (value !== undefined) named[field] = value === null && lists.includes(field) ? [] : value;
  return named;
}
