// The checked-in client code in test/clients/generated is what GraphQL Code Generator's client preset
// makes of schema/api.graphql and test/clients/operations today, and its manifest lists what it sends.
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Kind, parse } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import * as documents from "../clients/generated/graphql";
import {
  CODEGEN_SETTINGS,
  generateClientCode,
  staleGeneratedFiles,
  writeGeneratedFiles,
} from "../src/codegen";

const REPOSITORY = path.resolve(__dirname, "../..");
const REGENERATE = "npm run codegen -w @twingraph/e2e";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("generated client code", () => {
  it("is up to date with the schema and the operations", async () => {
    const stale = staleGeneratedFiles(await generateClientCode());
    expect(stale, `stale generated client code; regenerate it with \`${REGENERATE}\``).toEqual([]);
  });

  it("lists every operation in persisted-documents.json under the sha256 of its text, as its document says", () => {
    const manifest: Record<string, string> = JSON.parse(
      readFileSync(path.join(REPOSITORY, CODEGEN_SETTINGS.output, "persisted-documents.json"), "utf8"),
    );
    for (const [hash, body] of Object.entries(manifest)) expect(sha256(body)).toBe(hash);

    // the preset puts each document's hash beside its definitions, where DocumentNode's type has no word for it
    const hashes = Object.values(documents).map(
      (document) => (document as { __meta__?: { hash: string } }).__meta__?.hash,
    );
    expect(hashes.sort()).toEqual(Object.keys(manifest).sort());
    const names = Object.values(manifest).flatMap((body) =>
      parse(body).definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value] : [],
      ),
    );
    expect(names.sort()).toEqual(["CityCard", "CityPartners", "CitySearch", "TwinningDossier"]);
    // Apollo Client adds __typename to what it sends; the listed text must already hold it
    for (const body of Object.values(manifest)) expect(body).toMatch(/\{ __typename /);
  });
});

describe("regeneration", () => {
  let copy: string | undefined;
  afterEach(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  /** A copy of what generation reads and writes, to change without touching the repository. */
  function copyOfRepository(): string {
    copy = mkdtempSync(path.join(tmpdir(), "twingraph-codegen-"));
    for (const part of [CODEGEN_SETTINGS.schema, CODEGEN_SETTINGS.documents, CODEGEN_SETTINGS.output]) {
      cpSync(path.join(REPOSITORY, part), path.join(copy, part), { recursive: true });
    }
    return copy;
  }

  it("notices a changed operation and a file no longer generated, and brings both up to date", async () => {
    const root = copyOfRepository();
    const search = path.join(root, CODEGEN_SETTINGS.documents, "city-search.graphql");
    writeFileSync(search, readFileSync(search, "utf8").replace("localName", "localName\n    population"));
    writeFileSync(path.join(root, CODEGEN_SETTINGS.output, "old.ts"), "export {};\n");

    const files = await generateClientCode(root);
    expect(staleGeneratedFiles(files, root)).toEqual([
      `${CODEGEN_SETTINGS.output}gql.ts`,
      `${CODEGEN_SETTINGS.output}graphql.ts`,
      `${CODEGEN_SETTINGS.output}old.ts`,
      `${CODEGEN_SETTINGS.output}persisted-documents.json`,
    ]);
    writeGeneratedFiles(files, root);
    expect(staleGeneratedFiles(files, root)).toEqual([]);
    expect(readFileSync(path.join(root, CODEGEN_SETTINGS.output, "graphql.ts"), "utf8")).toContain(
      "population: number | null",
    );
  });

  it("refuses an operation the schema does not have", async () => {
    const root = copyOfRepository();
    writeFileSync(
      path.join(root, CODEGEN_SETTINGS.documents, "mayor.graphql"),
      /* GraphQL */ `query Mayor { city(id: "si-kranj") { mayor } }\n`,
    );
    await expect(generateClientCode(root)).rejects.toThrow(/mayor/);
  });
});
