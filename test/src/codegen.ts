// Typed client code for front-end teams: GraphQL Code Generator's client preset over schema/api.graphql
// and test/clients/operations, run through @graphql-codegen/core as the CLI runs the config in docs/clients.md.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { addTypenameSelectionDocumentTransform, preset } from "@graphql-codegen/client-preset";
import { codegen } from "@graphql-codegen/core";
import { buildSchema, parse, printSchema } from "graphql";

/** The repository root, from test/src (sources under vitest) or test/dist (the built script). */
const REPOSITORY = path.resolve(__dirname, "../..");

/** What docs/clients.md's codegen.ts says, relative to the repository root. */
export const CODEGEN_SETTINGS = {
  schema: "schema/api.graphql",
  /** the CLI's `documents: "test/clients/operations/*.graphql"` */
  documents: "test/clients/operations",
  /** a directory, with the trailing slash the preset insists on */
  output: "test/clients/generated/",
} as const;

type PresetArguments = Parameters<typeof preset.buildGeneratesSection>[0];

export interface GeneratedFile {
  /** relative to the repository root */
  path: string;
  content: string;
}

/** Generates the client code in memory: graphql.ts, gql.ts, fragment-masking.ts, index.ts, persisted-documents.json. */
export async function generateClientCode(root = REPOSITORY): Promise<GeneratedFile[]> {
  const schemaAst = buildSchema(readFileSync(path.join(root, CODEGEN_SETTINGS.schema), "utf8"));
  const directory = path.join(root, CODEGEN_SETTINGS.documents);
  // sorted, so the output does not depend on the order the file system lists them in
  const documents = readdirSync(directory)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => {
      const rawSDL = readFileSync(path.join(directory, name), "utf8");
      return { location: `${CODEGEN_SETTINGS.documents}/${name}`, rawSDL, document: parse(rawSDL) };
    });
  // the CLI's defaults for what a config leaves out: CommonJS-style imports without an extension
  const config = { importExtension: "" as const, emitLegacyCommonJSImports: true };
  const outputs = await preset.buildGeneratesSection({
    baseOutputDir: CODEGEN_SETTINGS.output,
    presetConfig: {
      // plain hex, as Apollo's persisted queries and the gateway's manifests know documents; the preset's
      // own default names them "sha256:<hex>", which Apollo Server would take for another hash
      persistedDocuments: { hashAlgorithm: (body) => createHash("sha256").update(body).digest("hex") },
    },
    plugins: [],
    pluginMap: {},
    schema: parse(printSchema(schemaAst)),
    schemaAst,
    documents,
    config,
    // Apollo Client adds __typename to what it sends; with it in the generated documents, what it sends
    // is what persisted-documents.json lists
    documentTransforms: [
      {
        name: "addTypenameSelectionDocumentTransform",
        transformObject: addTypenameSelectionDocumentTransform,
      },
    ],
  } satisfies PresetArguments);
  // the preset makes persisted-documents.json wait for graphql.ts, so the outputs run together, as in the CLI
  return Promise.all(
    outputs.map(async (output) => ({
      path: output.filename,
      content: await codegen({ ...output, ...config }),
    })),
  );
}

/** Files in the output directory that differ from `files`, are missing, or are no longer generated. */
export function staleGeneratedFiles(files: GeneratedFile[], root = REPOSITORY): string[] {
  const stale = files
    .filter((file) => {
      const target = path.join(root, file.path);
      return !existsSync(target) || readFileSync(target, "utf8") !== file.content;
    })
    .map((file) => file.path);
  const directory = path.join(root, CODEGEN_SETTINGS.output);
  const generated = new Set(files.map((file) => file.path));
  const leftOver = existsSync(directory)
    ? readdirSync(directory)
        .map((name) => `${CODEGEN_SETTINGS.output}${name}`)
        .filter((file) => !generated.has(file))
    : [];
  return [...stale, ...leftOver].sort();
}

/** Writes `files` and removes what the output directory holds beyond them (an operation deleted). */
export function writeGeneratedFiles(files: GeneratedFile[], root = REPOSITORY): string[] {
  const changed = staleGeneratedFiles(files, root);
  const directory = path.join(root, CODEGEN_SETTINGS.output);
  mkdirSync(directory, { recursive: true });
  const generated = new Set(files.map((file) => file.path));
  for (const file of changed) {
    if (!generated.has(file)) rmSync(path.join(root, file));
  }
  for (const file of files) writeFileSync(path.join(root, file.path), file.content);
  return changed;
}
