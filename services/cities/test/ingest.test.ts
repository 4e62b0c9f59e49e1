// The cities write path keeps history: the seed's and imports' upserts version what they change in
// the changeset of their transaction, and an edit's writeCity sets a city's values exactly. Facts
// from the coal towns' news page (001_f0cc4ea257220436.txt).
import { historyOf, newChangesetId, RecordVersion, setChangeContext } from "@twingraph/kit/subgraph";
import type { DataSource, EntityManager } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { City, type CityInput, CityName, openCitiesDatabase, upsertCities, writeCity } from "../src";
import { cityEditing } from "../src/editing";

const DOCUMENT = "001_f0cc4ea257220436.txt";
const LEAD =
  "Predstavniki premogovnih mest Pljevlja (Črna gora), Lukavac (Bosna in Hercegovina) in Velenje so podpisali sporazum o sodelovanju.";
const SELECTED =
  "Mestna občina Velenje je v programu bila izbrana za dolgoročno sodelovanje in izmenjave z občino Pljevlja iz Črne gore.";
const APPLIED =
  "Velenjska občina je skupaj z občino Plevlja v sklopu programa Coal Regions Exchange Western Balkan uspešno prijavila program izmenjave med regijami iz Evropske unije in Zahodnega Balkana ter Ukrajine.";
const source = (quote: string) => ({ document: DOCUMENT, quote, language: "sl" });

const velenje: CityInput = {
  id: "si-velenje",
  name: "Velenje",
  countryCode: "SI",
  aliases: [],
  sources: [source(LEAD)],
};
const pljevlja: CityInput = {
  id: "me-pljevlja",
  name: "Pljevlja",
  countryCode: "ME",
  aliases: [{ name: "Plevlja", language: "sl" }],
  gazetteerNames: ["Plevlja"],
  sources: [source(LEAD)],
};

let db: DataSource;

beforeAll(async () => {
  db = await openCitiesDatabase({ url: ":memory:" });
});

afterAll(() => db.destroy());

const importer = { id: "acct-importer", name: "Test Importer" };

/** One import's transaction, in the changeset it belongs to. */
function importing(changesetId: string, write: (manager: EntityManager) => Promise<void>): Promise<void> {
  return db.transaction(async (manager) => {
    setChangeContext(manager, { changesetId, author: importer });
    await write(manager);
  });
}

const versionOf = async (id: string) => (await db.getRepository(City).findOneByOrFail({ id })).version;

describe("upsertCities keeps history", () => {
  it("gives the cities it creates version 1, recorded in the import's changeset", async () => {
    const first = newChangesetId(importer.id);
    await importing(first, (manager) => upsertCities(manager, [velenje, pljevlja]));
    expect(await versionOf("si-velenje")).toBe(1);
    const history = await historyOf(db.manager, "City", "me-pljevlja", 20);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      entity: "City",
      recordId: "me-pljevlja",
      version: 1,
      op: "CREATE",
      changesetId: first,
      authorName: "Test Importer",
    });
  });

  it("moves on the version of a city it changes, and of no other", async () => {
    const moreSources = { ...velenje, sources: [source(SELECTED)] };
    const second = newChangesetId(importer.id);
    await importing(second, (manager) => upsertCities(manager, [moreSources, pljevlja]));
    expect(await versionOf("si-velenje")).toBe(2);
    expect(await versionOf("me-pljevlja")).toBe(1);
    const [latest] = await historyOf(db.manager, "City", "si-velenje", 1);
    expect(latest).toMatchObject({ version: 2, op: "UPDATE", changesetId: second });
    expect(latest!.changes.map((change) => change.field)).toEqual(["sources"]);
  });

  it("refuses to write outside a changeset, and writes nothing", async () => {
    const versions = await db.getRepository(RecordVersion).count();
    const renamed = { ...velenje, id: "si-velenje-2", name: "Velenje" };
    await expect(db.transaction((manager) => upsertCities(manager, [renamed]))).rejects.toThrow();
    expect(await db.getRepository(City).existsBy({ id: "si-velenje-2" })).toBe(false);
    expect(await db.getRepository(RecordVersion).count()).toBe(versions);
  });
});

describe("writeCity", () => {
  it("sets a city's values exactly and keeps its gazetteer names; the snapshot reads them back", async () => {
    const before = (await cityEditing.snapshot(db.manager, ["me-pljevlja"])).get("me-pljevlja")!;
    const edited = { ...before, aliases: [], sources: [source(LEAD), source(APPLIED)] };
    await db.transaction((manager) => writeCity(manager, "me-pljevlja", edited));
    const after = await cityEditing.snapshot(db.manager, ["me-pljevlja"]);
    expect(after.get("me-pljevlja")).toEqual(edited);
    const names = await db.getRepository(CityName).findBy({ cityId: "me-pljevlja" });
    expect(names.map((name) => [name.kind, name.name]).sort()).toEqual([
      ["gazetteer", "Plevlja"],
      ["name", "Pljevlja"],
    ]);
  });
});
