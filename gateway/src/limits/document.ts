// The checks on a document's text that run before Apollo parses and validates it: validation
// (OverlappingFieldsCanBeMerged) and query planning take time superlinear in the document once its
// fragments are inlined, so a 1 KB document of nested fragment spreads could hold a core for a minute.
// Each check here is linear: the parser stops past the token limit, the expanded size is counted with
// each fragment measured once, and GraphQL Armor's depth, alias and directive rules (which also
// measure each fragment once) run only on documents whose expanded size is known to be small.
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  type ASTNode,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  parse,
  type ValidationRule,
  validate,
  visit,
} from "graphql";
import { expansionOf } from "./expansion";
import { limitExceeded } from "./refusal";
import type { OperationLimits } from "./settings";

/**
 * The document parsed, once it is within every limit; an HttpError (400 OPERATION_LIMIT_EXCEEDED)
 * naming the first limit it crosses otherwise. A document that does not parse is returned as
 * undefined: Apollo answers its syntax error in its usual form.
 */
export function checkDocument(
  source: string,
  schema: GraphQLSchema,
  limits: OperationLimits,
): DocumentNode | undefined {
  const document = parseWithin(source, limits.tokens);
  if (!document) return undefined;
  const { fields, rootFields } = expansionOf(document);
  if (fields > limits.fields)
    throw limitExceeded(
      "fields",
      limits.fields,
      fields,
      `The document has ${fields} fields once its fragments are inlined; at most ${limits.fields} are allowed.`,
    );
  if (rootFields > limits.rootFields)
    throw limitExceeded(
      "rootFields",
      limits.rootFields,
      rootFields,
      `An operation asks for ${rootFields} root fields; at most ${limits.rootFields} are allowed.`,
    );
  checkArmorCounts(document, schema, limits);
  checkListLiterals(document, limits.listItems);
  return document;
}

/** graphql-js 16 says "more that N tokens"; a later release may fix the spelling. */
const TOO_MANY_TOKENS = /Document contains more tha[nt] \d+ tokens/;

function parseWithin(source: string, maxTokens: number): DocumentNode | undefined {
  try {
    return parse(source, { maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError && TOO_MANY_TOKENS.test(error.message))
      throw limitExceeded(
        "tokens",
        maxTokens,
        undefined,
        `The document has more than ${maxTokens} tokens; at most ${maxTokens} are allowed.`,
      );
    return undefined;
  }
}

/** What each of Armor's rules counts, with the words the refusal uses. */
const ARMOR_COUNTS = [
  { limit: "depth", rule: maxDepthRule, options: { flattenFragments: true }, words: "fields deep" },
  { limit: "aliases", rule: maxAliasesRule, options: {}, words: "aliases" },
  { limit: "directives", rule: maxDirectivesRule, options: {}, words: "directives" },
] as const;

/**
 * Armor's rules refuse with their own uncoded message; here they only count (with no limit of
 * their own), in one walk of the document, so the refusal can carry the code and the figures every
 * other limit carries.
 */
function checkArmorCounts(document: DocumentNode, schema: GraphQLSchema, limits: OperationLimits): void {
  const counts = ARMOR_COUNTS.map(() => 0);
  const rules = ARMOR_COUNTS.map(
    ({ rule, options }, index) =>
      rule({
        ...options,
        n: Number.POSITIVE_INFINITY,
        onAccept: [
          (_context, { n }) => {
            counts[index] = Math.max(counts[index] ?? 0, n);
          },
        ],
      }) as ValidationRule,
  );
  validate(schema, document, rules);
  ARMOR_COUNTS.forEach(({ limit, words }, index) => {
    const found = counts[index] ?? 0;
    if (found > limits[limit])
      throw limitExceeded(
        limit,
        limits[limit],
        found,
        `An operation has ${found} ${words}, fragments inlined; at most ${limits[limit]} are allowed.`,
      );
  });
}

function checkListLiterals(document: DocumentNode, maxItems: number): void {
  visit(document, {
    ListValue(node, _key, parent, _path, ancestors) {
      if (node.values.length > maxItems)
        throw limitExceeded(
          "listItems",
          maxItems,
          node.values.length,
          `${describeListPlace([...ancestors, parent as ASTNode])} has ${node.values.length} items; at most ${maxItems} are allowed.`,
        );
    },
  });
}

/** "Argument ids of cities", "Argument cityIds of partnershipBetween", "The default value of $ids". */
function describeListPlace(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const nodes = ancestors.filter((ancestor): ancestor is ASTNode => !Array.isArray(ancestor));
  const argument = nodes.findLast((node) => node.kind === Kind.ARGUMENT);
  const variable = nodes.findLast((node) => node.kind === Kind.VARIABLE_DEFINITION);
  if (variable?.kind === Kind.VARIABLE_DEFINITION)
    return `The default value of $${variable.variable.name.value}`;
  const owner = nodes.findLast((node) => node.kind === Kind.FIELD || node.kind === Kind.DIRECTIVE);
  if (
    argument?.kind === Kind.ARGUMENT &&
    owner &&
    (owner.kind === Kind.FIELD || owner.kind === Kind.DIRECTIVE)
  )
    return `Argument ${argument.name.value} of ${owner.kind === Kind.DIRECTIVE ? "@" : ""}${owner.name.value}`;
  return "A list";
}
