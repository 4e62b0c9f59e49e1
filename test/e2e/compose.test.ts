// Composition is a build step: the checked-in schema/ files must be what `npm run compose` writes
// now, and the composed API must hold every type, field and argument of the public contract.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Supergraph } from "@apollo/federation-internals";
import { composeSupergraph, SCHEMA_DIR } from "@twingraph/gateway";
import { buildSchema, type GraphQLNamedType, type GraphQLSchema, isEnumType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";

const CONTRACT = path.resolve(__dirname, "../../../shared/api/contract.graphql");

describe("composition", () => {
  it("composes without errors and matches the checked-in schema/ files (run `npm run compose` if not)", async () => {
    const { files } = await composeSupergraph();
    for (const [name, contents] of files) {
      const file = path.join(SCHEMA_DIR, name);
      expect(existsSync(file), `schema/${name} is missing`).toBe(true);
      expect(readFileSync(file, "utf8"), `schema/${name} is stale`).toBe(contents);
    }
  });

  const hasContract = existsSync(CONTRACT);
  const contractTest = hasContract
    ? "keeps every type, field and argument of the public contract"
    : "public contract check skipped: ../shared/api/contract.graphql is absent";
  it.skipIf(!hasContract)(contractTest, () => {
    const contract = buildSchema(readFileSync(CONTRACT, "utf8"));
    const api = Supergraph.build(readFileSync(path.join(SCHEMA_DIR, "supergraph.graphql"), "utf8"))
      .apiSchema()
      .toGraphQLJSSchema();
    expect(contractGaps(contract, api)).toEqual([]);
  });
});

/** Every contract type, enum value, field, field type and argument the API lacks or types differently. */
function contractGaps(contract: GraphQLSchema, api: GraphQLSchema): string[] {
  const gaps: string[] = [];
  for (const type of Object.values(contract.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    const actual: GraphQLNamedType | undefined = api.getType(type.name);
    if (!actual) {
      gaps.push(`type ${type.name}`);
      continue;
    }
    if (isEnumType(type) && isEnumType(actual)) {
      const values = new Set(actual.getValues().map((value) => value.name));
      for (const value of type.getValues())
        if (!values.has(value.name)) gaps.push(`${type.name}.${value.name}`);
    }
    if (isObjectType(type) && isObjectType(actual)) {
      const fields = actual.getFields();
      for (const field of Object.values(type.getFields())) {
        const apiField = fields[field.name];
        if (!apiField) {
          gaps.push(`${type.name}.${field.name}`);
          continue;
        }
        if (String(apiField.type) !== String(field.type)) {
          gaps.push(`${type.name}.${field.name}: ${apiField.type} instead of ${field.type}`);
        }
        for (const arg of field.args) {
          const apiArg = apiField.args.find((candidate) => candidate.name === arg.name);
          if (!apiArg) gaps.push(`${type.name}.${field.name}(${arg.name})`);
          else if (String(apiArg.type) !== String(arg.type)) {
            gaps.push(`${type.name}.${field.name}(${arg.name}): ${apiArg.type} instead of ${arg.type}`);
          }
        }
      }
    }
  }
  return gaps;
}
