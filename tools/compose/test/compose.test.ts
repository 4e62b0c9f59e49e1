// Composition is a build step: the checked-in schema/ files must be what composing the checked-in
// SDL files gives now, every subgraph of the manifest must have one, and the composed API must hold
// every type, field and argument of the public contract.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Supergraph } from "@apollo/federation-internals";
import { readSubgraphManifest, SCHEMA_DIR, subgraphSchemaFile } from "@twingraph/kit/manifest";
import { buildSchema, type GraphQLNamedType, type GraphQLSchema, isEnumType, isObjectType } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { CompositionError, composeSupergraph, readSubgraphSdls, SUPERGRAPH_FILE } from "../src";

const CONTRACT = path.resolve(__dirname, "../../../../shared/api/contract.graphql");

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
    const api = Supergraph.build(readFileSync(SUPERGRAPH_FILE, "utf8")).apiSchema().toGraphQLJSSchema();
    expect(contractGaps(contract, api)).toEqual([]);
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
