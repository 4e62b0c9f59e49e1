import { it } from "vitest";
import { inProcessFederation } from "../src/harness";

it("explore", async () => {
  const f = await inProcessFederation();
  const r = await f.execute(`{
    agreements(first: 3) { id version title partnership { id } }
    allProjects: projects(first: 3) { id version title }
    allEvents: events(first: 3) { id version title }
    villach: city(id: "at-villach") { id version }
    kranj: city(id: "si-kranj") { id version partnerships { id version name kind status cities { id } agreements { id version title } projects { id version title } visits { id version date } } }
    news(cityId: "si-kranj", first: 50) { id version title }
    events(cityId: "si-kranj", first: 50) { id version title }
    visits(cityId: "si-kranj", first: 50) { id version date }
    projects(cityId: "si-kranj", first: 50) { id version title }
  }`);
  console.log(JSON.stringify(r, null, 1));
  for (const [name, db] of Object.entries(f.databases)) {
    const tables = await db.query(db.options.type === "postgres" ? "select tablename as name from pg_tables" : "select name from sqlite_master where type='table'");
    console.log(name, tables.map((t: {name: string}) => t.name).join(" "));
  }
  await f.close();
}, 120000);
