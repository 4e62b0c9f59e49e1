// Composition as a build step: every subgraph's SDL and the supergraph composed from them with
// @apollo/composition. The gateway serves the checked-in result; it never composes at run time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { SUBGRAPHS } from "./subgraphs";

export const SCHEMA_DIR = path.resolve(__dirname, "../../schema");
export const SUPERGRAPH_FILE = path.join(SCHEMA_DIR, "supergraph.graphql");

export interface Composition {
  /** file name in schema/ -> contents */
  files: Map<string, string>;
  supergraphSdl: string;
}

/** Composes the four subgraphs; throws with every composition error listed. */
export async function composeSupergraph(): Promise<Composition> {
  const files = new Map<string, string>();
  const services = [];
  for (const subgraph of SUBGRAPHS) {
    const { sdl } = await subgraph.build();
    files.set(`${subgraph.name}.graphql`, sdl);
    services.push({
      name: subgraph.name,
      url: `http://localhost:${subgraph.port}/graphql`,
      typeDefs: parse(sdl),
    });
  }
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join("\n")}`);
  }
  const supergraphSdl = `${result.supergraphSdl.trim()}\n`;
  files.set("supergraph.graphql", supergraphSdl);
  return { files, supergraphSdl };
}

export function readSupergraph(file = SUPERGRAPH_FILE): string {
  return readFileSync(file, "utf8");
}
