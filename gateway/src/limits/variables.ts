// The checks on an operation's variables before Apollo coerces them: coercion recurses into every
// nested list (a 10 KB body of 5,000 nested arrays overflowed the stack), and a list variable is
// handed to the subgraphs whole (60,000 ids overran SQLite's limit on statement variables).
import { type DocumentNode, Kind, visit } from "graphql";
import { limitExceeded } from "./refusal";
import type { OperationLimits } from "./settings";

/** Refuses variables over the limits with an HttpError; values that are not an object are Apollo's to refuse. */
export function checkVariables(
  variables: unknown,
  document: DocumentNode | undefined,
  limits: OperationLimits,
): void {
  if (typeof variables !== "object" || variables === null || Array.isArray(variables)) return;
  const arguments_ = document ? argumentsOfVariables(document) : new Map<string, string>();
  // iterative, so that no nesting overflows the stack; the depth check stops it early on bombs
  const pending: { value: unknown; depth: number; path: string; variable: string }[] = Object.entries(
    variables,
  ).map(([name, value]) => ({ value, depth: 1, path: `$${name}`, variable: name }));
  while (pending.length > 0) {
    const { value, depth, path, variable } = pending.pop() as (typeof pending)[number];
    if (typeof value !== "object" || value === null) continue;
    if (depth > limits.variablesDepth)
      throw limitExceeded(
        "variablesDepth",
        limits.variablesDepth,
        undefined,
        `Variable ${path} nests lists or objects more than ${limits.variablesDepth} deep.`,
      );
    if (Array.isArray(value)) {
      if (value.length > limits.listItems) {
        const argument = arguments_.get(variable);
        throw limitExceeded(
          "listItems",
          limits.listItems,
          value.length,
          `Variable ${path}${argument ? ` (${argument})` : ""} has ${value.length} items; at most ` +
            `${limits.listItems} are allowed.`,
        );
      }
      value.forEach((item, index) => {
        pending.push({ value: item, depth: depth + 1, path: `${path}[${index}]`, variable });
      });
    } else
      for (const [key, item] of Object.entries(value))
        pending.push({ value: item, depth: depth + 1, path: `${path}.${key}`, variable });
  }
  const bytes = Buffer.byteLength(JSON.stringify(variables));
  if (bytes > limits.variablesBytes)
    throw limitExceeded(
      "variablesBytes",
      limits.variablesBytes,
      bytes,
      `The variables take ${bytes} bytes as JSON; at most ${limits.variablesBytes} are allowed.`,
    );
}

/** Where each variable is used first: "argument ids of cities". */
function argumentsOfVariables(document: DocumentNode): Map<string, string> {
  const places = new Map<string, string>();
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? [])
        if (argument.value.kind === Kind.VARIABLE && !places.has(argument.value.name.value))
          places.set(argument.value.name.value, `argument ${argument.name.value} of ${field.name.value}`);
    },
  });
  return places;
}
