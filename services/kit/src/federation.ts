// Turns a type-graphql schema into an Apollo Federation 2 subgraph: print it with its directives
// (graphql's printSchema drops @key), link the federation spec, and merge in reference resolvers.
import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLSchema, parse } from "graphql";
import { type BuildSchemaOptions, buildSchema, createResolversMap } from "type-graphql";
import type { EditRegistry } from "./editing/editable";

const FEDERATION_LINK = /* GraphQL */ `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@shareable", "@external", "@requires", "@provides"]
    )
`;

// biome-ignore lint/suspicious/noExplicitAny: resolver maps are untyped by nature
type ResolverMap = Record<string, Record<string, any>>;

export interface SubgraphDefinition {
  resolvers: NonNullable<BuildSchemaOptions["resolvers"]>;
  orphanedTypes?: BuildSchemaOptions["orphanedTypes"];
  /** `{ TypeName: { __resolveReference } }` for the entities this subgraph owns */
  referenceResolvers?: ResolverMap;
  /** the entities this subgraph lets people edit, for the change routes and in-process participants */
  editing?: EditRegistry;
}

export interface Subgraph {
  /** the subgraph's SDL, as composition reads it */
  sdl: string;
  schema: GraphQLSchema;
  /** the definition's editable entities, passed on to listenSubgraph and to harnesses */
  editing?: EditRegistry;
}

export async function buildSubgraph(definition: SubgraphDefinition): Promise<Subgraph> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    skipCheck: true,
    validate: false,
  });
  const sdl = `${FEDERATION_LINK.trim()}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}\n`;
  const resolvers = mergeResolverMaps(
    createResolversMap(typeGraphqlSchema) as ResolverMap,
    definition.referenceResolvers ?? {},
  );
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { sdl, schema, editing: definition.editing };
}

function mergeResolverMaps(base: ResolverMap, extra: ResolverMap): ResolverMap {
  const merged: ResolverMap = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) merged[typeName] = { ...base[typeName], ...fields };
  return merged;
}
