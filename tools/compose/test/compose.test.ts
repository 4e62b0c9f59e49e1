// Composition is a build step: the checked-in schema/ files must be what composing the checked-in
// SDL files gives now, every subgraph of the manifest must have one, and the composed API must hold
// every type, field and argument of the public contract. Fields a subgraph adds to another's entity
// are nullable (docs/api-policy.md): the API must make them so, and only they may be nullable where
// the contract says non-null.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Supergraph } from "@apollo/federation-internals";
import { readSubgraphManifest, SCHEMA_DIR, subgraphSchemaFile } from "@twingraph/kit/manifest";
import {
  buildSchema,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  valueFromASTUntyped,
} from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { CompositionError, composeSupergraph, readSubgraphSdls, SUPERGRAPH_FILE } from "../src";

const CONTRACT = path.resolve(__dirname, "../../../../shared/api/contract.graphql");
const API_POLICY = path.resolve(__dirname, "../../../docs/api-policy.md");

describe("composition of the checked-in SDL files", () => {
  const manifest = readSubgraphManifest();

  it("finds an SDL file for every subgraph of the manifest", () => {
    const missing = manifest.filter((entry) => !existsSync(subgraphSchemaFile(entry.name)));
    expect(missing.map((entry) => `schema/${entry.name}.graphql`)).toEqual([]);
  });

  it("reports no error and matches the checked-in schema/ files (run `npm run compose` if not)", () => {
    const files = composeSupergraph(readSubgraphSdls(manifest));
    expect([...files.keys()].sort()).toEqual([
      "api.graphql",
      "persisted-operations.json",
      "supergraph.graphql",
    ]);
    for (const [name, contents] of files) {
      const file = path.join(SCHEMA_DIR, name);
      expect(existsSync(file), `schema/${name} is missing: run \`npm run compose\``).toBe(true);
      expect(readFileSync(file, "utf8"), `schema/${name} is stale: run \`npm run compose\``).toBe(contents);
    }
  });

  it("routes each subgraph to the manifest's URL", () => {
    const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_FILE, "utf8"));
    const urls = Object.fromEntries(
      supergraph
        .subgraphs()
        .values()
        .map((subgraph) => [subgraph.name, subgraph.url]),
    );
    expect(urls).toEqual(Object.fromEntries(manifest.map((entry) => [entry.name, entry.url])));
  });

  const hasContract = existsSync(CONTRACT);
  const contractTest = hasContract
    ? "keeps every type, field and argument of the public contract"
    : "public contract check skipped: ../shared/api/contract.graphql is absent";
  it.skipIf(!hasContract)(contractTest, () => {
    const contract = buildSchema(readFileSync(CONTRACT, "utf8"));
    const supergraphSdl = readFileSync(SUPERGRAPH_FILE, "utf8");
    const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
    expect(contractGaps(contract, api, ownership(supergraphSdl).addedFields)).toEqual([]);
  });
});

describe("nullability of fields added to another subgraph's entity (docs/api-policy.md)", () => {
  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, "utf8");
  const { owners, addedFields } = ownership(supergraphSdl);

  it("reads each entity's owner from the join directives: the subgraph that resolves most of its fields", () => {
    expect(Object.fromEntries(owners)).toEqual({
      City: "cities",
      Partnership: "agreements",
      Agreement: "agreements",
      Project: "projects",
    });
  });

  it("makes every field a subgraph adds to another's entity nullable, its list items non-null", () => {
    const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
    expect(nullabilityViolations(api, addedFields)).toEqual([]);
  });

  it("lists exactly these fields in docs/api-policy.md", () => {
    const listed = [...readFileSync(API_POLICY, "utf8").matchAll(/^- `(\w+\.\w+)`/gm)].map(
      (match) => match[1],
    );
    expect(listed.sort()).toEqual([...addedFields.keys()].sort());
  });

  describe("on a graph that breaks the policy", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "twingraph-policy-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const LINK = /* GraphQL */ `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])`;
    const sdlFiles: Record<string, string> = {
      towns: /* GraphQL */ `${LINK}
        type Query { town(id: ID!): Town }
        type Town @key(fields: "id") { id: ID! name: String! mayor: String population: Int }`,
      fairs: /* GraphQL */ `${LINK}
        type Town @key(fields: "id") { id: ID! fairs: [Fair!]! markets: [String] }
        type Fair { title: String! }`,
    };
    for (const [name, sdl] of Object.entries(sdlFiles)) writeFileSync(path.join(dir, `${name}.graphql`), sdl);
    const entries = Object.keys(sdlFiles).map((name, index) => ({
      name,
      package: `@example/${name}`,
      port: 5000 + index,
      url: `http://localhost:${5000 + index}/graphql`,
    }));
    const files = composeSupergraph(readSubgraphSdls(entries, (name) => path.join(dir, `${name}.graphql`)));
    const sdl = files.get(path.basename(SUPERGRAPH_FILE)) ?? "";
    const api = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
    const added = ownership(sdl).addedFields;

    it("names each added field that is non-null or holds nullable items, and who resolves it", () => {
      expect(nullabilityViolations(api, added)).toEqual([
        "Town.fairs: [Fair!]! is added by fairs to Town, which towns owns: it must be nullable ([Fair!])",
        "Town.markets: [String] is added by fairs to Town, which towns owns: its list items must stay non-null",
      ]);
    });

    it("lets only an added field be nullable where the contract says non-null", () => {
      const contract = buildSchema(/* GraphQL */ `
        type Query { town(id: ID!): Town }
        type Town { id: ID! name: String! mayor: String! fairs: [Fair!]! }
        type Fair { title: String! }
      `);
      const relaxed = buildSchema(/* GraphQL */ `
        type Query { town(id: ID!): Town }
        type Town { id: ID! name: String! mayor: String fairs: [Fair!] }
        type Fair { title: String! }
      `);
      expect(contractGaps(contract, relaxed, added)).toEqual(["Town.mayor: String instead of String!"]);
      expect(contractGaps(contract, api, added)).toEqual([
        "Town.mayor: String instead of String!",
        "Town.fairs: [Fair!]! instead of [Fair!] (added by fairs to Town, which towns owns: nullable by policy)",
      ]);
    });
  });
});

describe("composition errors", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "twingraph-compose-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const LINK = /* GraphQL */ `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])`;
  const sdlFiles: Record<string, string> = {
    places: /* GraphQL */ `${LINK}
      type Query { place(id: ID!): Place }
      type Place @key(fields: "id") { id: ID! population: Int @shareable }`,
    census: /* GraphQL */ `${LINK}
      type Place @key(fields: "id") { id: ID! population: String @shareable }`,
    broken: "type Query { unclosed: String",
  };
  for (const [name, sdl] of Object.entries(sdlFiles)) writeFileSync(path.join(dir, `${name}.graphql`), sdl);

  function subgraphs(...names: string[]) {
    return readSubgraphSdls(
      names.map((name, index) => ({
        name,
        package: `@example/${name}`,
        port: 5000 + index,
        url: `http://localhost:${5000 + index}/graphql`,
      })),
      (name) => path.join(dir, `${name}.graphql`),
    );
  }

  function compositionErrorOf(run: () => unknown): CompositionError {
    try {
      run();
    } catch (error) {
      if (error instanceof CompositionError) return error;
      throw error;
    }
    throw new Error("composition succeeded");
  }

  it("lists a conflicting field type with the subgraphs that disagree, one error a line", () => {
    const error = compositionErrorOf(() => composeSupergraph(subgraphs("places", "census")));
    const conflict = error.errors.find((message) => message.includes("Place.population"));
    expect(conflict).toMatch(/"places"/);
    expect(conflict).toMatch(/"census"/);
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("Composition failed:");
    expect(lines.filter((line) => line.startsWith("- "))).toHaveLength(error.errors.length);
  });

  it("names the subgraph and file of an SDL that does not parse", () => {
    const error = compositionErrorOf(() => composeSupergraph(subgraphs("places", "broken")));
    expect(error.errors).toEqual([expect.stringMatching(/^\[broken\] .*broken\.graphql: Syntax Error/)]);
  });

  it("names a subgraph whose SDL file is missing", () => {
    expect(() => subgraphs("places", "absent")).toThrow(/subgraph "absent".*absent\.graphql is missing/);
  });
});

/** A field another subgraph than its entity's owner resolves: "Type.field" -> who adds it to whose. */
type AddedFields = Map<string, { subgraphs: string[]; owner: string }>;

/**
 * From the supergraph's join directives: each entity's owner, the subgraph that resolves most of
 * its fields (the others add a few fields to it), and the fields only other subgraphs resolve.
 */
function ownership(supergraphSdl: string): { owners: Map<string, string>; addedFields: AddedFields } {
  const document = parse(supergraphSdl);
  const subgraphOf = joinGraphNames(document);
  const owners = new Map<string, string>();
  const addedFields: AddedFields = new Map();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const typeName = definition.name.value;
    const entitySubgraphs = directiveArguments(definition.directives, "join__type")
      .filter((join) => join.key !== undefined)
      .map((join) => subgraphOf(join.graph));
    if (entitySubgraphs.length < 2) continue;
    const resolvers = new Map(
      (definition.fields ?? []).map((field) => {
        const joins = directiveArguments(field.directives, "join__field");
        // a field without join__field is resolved by every subgraph that declares the type
        const subgraphs = joins.length
          ? joins
              .filter((join) => !join.external && !join.usedOverridden)
              .map((join) => subgraphOf(join.graph))
          : entitySubgraphs;
        return [field.name.value, subgraphs];
      }),
    );
    const owner = ownerOf(typeName, entitySubgraphs, [...resolvers.values()]);
    owners.set(typeName, owner);
    for (const [fieldName, subgraphs] of resolvers) {
      if (subgraphs.length > 0 && !subgraphs.includes(owner))
        addedFields.set(`${typeName}.${fieldName}`, { subgraphs, owner });
    }
  }
  return { owners, addedFields };
}

/** The subgraph name of each join__Graph value ("NEWS" -> "news"). */
function joinGraphNames(document: DocumentNode): (graph: unknown) => string {
  const names = new Map<unknown, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== "join__Graph") continue;
    for (const value of definition.values ?? [])
      names.set(value.name.value, String(directiveArguments(value.directives, "join__graph")[0]?.name));
  }
  return (graph) => names.get(graph) ?? String(graph);
}

/** The subgraph that resolves most of an entity's fields; a tie fails, since ownership is unclear. */
function ownerOf(
  typeName: string,
  subgraphs: readonly string[],
  fieldResolvers: readonly string[][],
): string {
  const ranked = subgraphs
    .map((subgraph) => ({
      subgraph,
      fields: fieldResolvers.filter((resolvers) => resolvers.includes(subgraph)).length,
    }))
    .sort((a, b) => b.fields - a.fields);
  if (ranked[0].fields === ranked[1].fields)
    throw new Error(
      `${typeName} has no one owner: ${ranked[0].subgraph} and ${ranked[1].subgraph} resolve as many of its fields`,
    );
  return ranked[0].subgraph;
}

/** The arguments of each application of a directive, as plain values. */
function directiveArguments(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): Record<string, unknown>[] {
  return (directives ?? [])
    .filter((directive) => directive.name.value === name)
    .map((directive) =>
      Object.fromEntries(
        (directive.arguments ?? []).map((argument) => [
          argument.name.value,
          valueFromASTUntyped(argument.value),
        ]),
      ),
    );
}

function addedBy(field: string, added: AddedFields): string {
  const { subgraphs, owner } = added.get(field) ?? { subgraphs: [], owner: "" };
  return `added by ${subgraphs.join(", ")} to ${field.split(".")[0]}, which ${owner} owns`;
}

/** Every added field the API makes non-null, or whose list items it makes nullable. */
function nullabilityViolations(api: GraphQLSchema, added: AddedFields): string[] {
  const violations: string[] = [];
  for (const name of added.keys()) {
    const [typeName, fieldName] = name.split(".");
    const type = api.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) continue; // not in the API (@inaccessible)
    const nullable = getNullableType(field.type);
    if (isNonNullType(field.type))
      violations.push(`${name}: ${field.type} is ${addedBy(name, added)}: it must be nullable (${nullable})`);
    else if (isListType(nullable) && !isNonNullType(nullable.ofType))
      violations.push(`${name}: ${field.type} is ${addedBy(name, added)}: its list items must stay non-null`);
  }
  return violations;
}

/**
 * Every contract type, enum value, field, field type and argument the API lacks or types differently.
 * An added field's type is the contract's made nullable, as the policy makes it; every other type
 * is the contract's exactly.
 */
function contractGaps(contract: GraphQLSchema, api: GraphQLSchema, added: AddedFields): string[] {
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
        const name = `${type.name}.${field.name}`;
        if (added.has(name)) {
          const expected = getNullableType(field.type);
          if (String(apiField.type) !== String(expected))
            gaps.push(
              `${name}: ${apiField.type} instead of ${expected} (${addedBy(name, added)}: nullable by policy)`,
            );
        } else if (String(apiField.type) !== String(field.type)) {
          gaps.push(`${name}: ${apiField.type} instead of ${field.type}`);
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
