// Partnership distances after an applied changeset, with participants and derived steps in memory:
// measured from what the changeset's applied City and Partnership edits touched, by the kit's rule;
// run before APPLIED, so that a failure leaves the changeset COMMITTING and the recovery pass
// measures again; skipped for changesets that touch neither. Cities, partnerships and coordinates
// here are test values.
import type { ProposedEdit, Viewer } from "@twingraph/kit/subgraph";
import { type CityLocation, type PartnershipPlaces, partnershipDistanceKm } from "@twingraph/kit/text";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Changes } from "../src/coordinator";
import { type DerivedSteps, localDerivedSteps, measureTouched, touchedBy } from "../src/distances";
import { openChangesDatabase } from "../src/server";
import { FakeParticipant } from "./fake-participant";

const editor: Viewer = { subject: "test-editor", name: "Test Editor", role: "editor" };
const person = { id: editor.subject, name: editor.name };

/** A fake participant whose edits are of one entity, as cities' are City and agreements' Partnership. */
class OwnerParticipant extends FakeParticipant {
  constructor(
    name: string,
    private readonly entity: string,
  ) {
    super(name);
  }

  override async edits(changesetId: string): Promise<ProposedEdit[]> {
    return (await super.edits(changesetId)).map((edit) => ({ ...edit, entity: this.entity }));
  }
}

/** The cities' places and the partnerships' members in memory, as the two subgraphs' steps see them. */
class FakeDerivedSteps implements DerivedSteps {
  readonly places = new Map<string, CityLocation>();
  readonly members = new Map<string, string[]>();
  readonly deprecated = new Set<string>();
  readonly distances = new Map<string, number | null>();
  readonly stores: Record<string, number | null>[] = [];
  private failures = 0;

  place(id: string, latitude: number, longitude: number): this {
    this.places.set(id, { id, latitude, longitude });
    return this;
  }

  partnership(id: string, cityIds: string[]): this {
    this.members.set(id, cityIds);
    return this;
  }

  failNext(times = 1): this {
    this.failures = times;
    return this;
  }

  async locations(cityIds: readonly string[]): Promise<CityLocation[]> {
    this.enter();
    return cityIds.flatMap((id) => this.places.get(id) ?? []);
  }

  async partnershipsOf(
    cityIds: readonly string[],
    partnershipIds: readonly string[],
  ): Promise<PartnershipPlaces[]> {
    this.enter();
    return [...this.members]
      .filter(
        ([id, members]) =>
          !this.deprecated.has(id) &&
          (partnershipIds.includes(id) || members.some((city) => cityIds.includes(city))),
      )
      .map(([id, members]) => ({ id, cityIds: members }));
  }

  async storeDistances(distances: Record<string, number | null>): Promise<number> {
    this.enter();
    this.stores.push(distances);
    const changed = Object.entries(distances).filter(([id, km]) => (this.distances.get(id) ?? null) !== km);
    for (const [id, km] of changed) this.distances.set(id, km);
    return changed.length;
  }

  private enter(): void {
    if (this.failures === 0) return;
    this.failures -= 1;
    throw new Error("the agreements subgraph did not answer (as the test asked)");
  }
}

const distanceBetween = (steps: FakeDerivedSteps, a: string, b: string) =>
  partnershipDistanceKm([steps.places.get(a), steps.places.get(b)]);

describe("measuring what a changeset touched", () => {
  it("takes the touched ids from applied City and Partnership edits only", () => {
    const edit = (entity: string, recordId: string, state = "APPLIED") => ({ entity, recordId, state });
    expect(
      touchedBy([
        edit("City", "test-a"),
        edit("City", "test-a"),
        edit("City", "test-b", "ABORTED"),
        edit("Partnership", "test-p"),
        edit("Agreement", "test-agreement"),
      ]),
    ).toEqual({ cityIds: ["test-a"], partnershipIds: ["test-p"] });
  });

  it("stores each partnership's distance by the kit's rule, null without two located places", async () => {
    const steps = new FakeDerivedSteps()
      .place("test-a", 0, 0)
      .place("test-b", 0, 1)
      .partnership("test-ab", ["test-a", "test-b"])
      .partnership("test-a-unlocated", ["test-a", "test-unlocated"])
      .partnership("test-three", ["test-a", "test-b", "test-c"])
      .partnership("test-elsewhere", ["test-b", "test-c"]);
    expect(await measureTouched(steps, { cityIds: ["test-a"], partnershipIds: [] })).toBe(1);
    expect(steps.stores).toEqual([
      { "test-ab": distanceBetween(steps, "test-a", "test-b"), "test-a-unlocated": null, "test-three": null },
    ]);
    // one degree of a great circle, rounded to 0.1 km
    expect(steps.distances.get("test-ab")).toBe(111.2);
    // measured again, nothing differs
    expect(await measureTouched(steps, { cityIds: ["test-a"], partnershipIds: [] })).toBe(0);
  });

  it("asks nothing when nothing was touched", async () => {
    const steps = new FakeDerivedSteps().failNext(3);
    expect(await measureTouched(steps, { cityIds: [], partnershipIds: [] })).toBe(0);
  });

  it("calls in process the same steps a subgraph serves, by path", async () => {
    const bodies: unknown[] = [];
    const steps = localDerivedSteps({
      cities: {
        "/changes/locations": async (body) => {
          bodies.push(body);
          return { locations: [{ id: "test-a", latitude: 1, longitude: 2 }] };
        },
      },
      agreements: {},
    });
    expect(await steps.locations(["test-a"])).toEqual([{ id: "test-a", latitude: 1, longitude: 2 }]);
    expect(bodies).toEqual([{ cityIds: ["test-a"] }]);
    await expect(steps.storeDistances({})).rejects.toThrow(
      /agreements subgraph has no step \/changes\/distances/,
    );
  });
});

describe("the coordinator measures distances after every participant committed", () => {
  let db: DataSource;
  let cities: OwnerParticipant;
  let agreements: OwnerParticipant;
  let projects: FakeParticipant;
  let steps: FakeDerivedSteps;
  let changes: Changes;

  beforeAll(async () => {
    db = await openChangesDatabase({ url: ":memory:" });
  });
  afterAll(() => db.destroy());
  beforeEach(() => {
    cities = new OwnerParticipant("cities", "City");
    cities.seedRecord("test-a", "46.24,14.36").seedRecord("test-b", "46.61,13.85");
    agreements = new OwnerParticipant("agreements", "Partnership");
    projects = new FakeParticipant("projects");
    steps = new FakeDerivedSteps().place("test-a", 46.24, 14.36).place("test-b", 46.61, 13.85);
    changes = new Changes(db, {
      participants: [cities, agreements, projects],
      derivedSteps: steps,
      redisUrl: null,
      commitAttempts: 1,
    });
  });

  /** A changeset by the editor, its edits staged by `stage`. */
  async function changeset(stage: (id: string) => void): Promise<string> {
    const { id } = await changes.open(editor, "Test changeset");
    stage(id);
    return id;
  }

  it("measures a created partnership before the changeset is APPLIED", async () => {
    const id = await changeset((id) => agreements.stage(id, person, "test-ab", "test-a,test-b"));
    steps.partnership("test-ab", ["test-a", "test-b"]);
    expect(await changes.apply(editor, id, null)).toMatchObject({ status: "APPLIED" });
    expect(steps.distances.get("test-ab")).toBe(distanceBetween(steps, "test-a", "test-b"));
  });

  it("measures again the partnerships of a city that moved", async () => {
    steps.partnership("test-ab", ["test-a", "test-b"]);
    const id = await changeset((id) => cities.stage(id, person, "test-b", "46.0,14.5"));
    steps.place("test-b", 46.0, 14.5);
    await changes.apply(editor, id, null);
    expect(steps.stores).toEqual([{ "test-ab": distanceBetween(steps, "test-a", "test-b") }]);
  });

  it("leaves the changeset COMMITTING when measuring fails, and the recovery pass measures again", async () => {
    const id = await changeset((id) => agreements.stage(id, person, "test-ab", "test-a,test-b"));
    steps.partnership("test-ab", ["test-a", "test-b"]).failNext();
    expect(await changes.apply(editor, id, null)).toMatchObject({ status: "APPLYING", phase: "COMMITTING" });
    expect(steps.distances.has("test-ab")).toBe(false);
    expect(await changes.recover()).toEqual({ committed: [id], aborted: [], pending: [] });
    expect(steps.distances.get("test-ab")).toBe(distanceBetween(steps, "test-a", "test-b"));
    // the commits sent again wrote nothing more
    expect(agreements.versions.filter((version) => version.changesetId === id)).toHaveLength(1);
  });

  it("measures nothing for a changeset without City or Partnership edits", async () => {
    const id = await changeset((id) => projects.stage(id, person, "test-project", "a project"));
    steps.failNext(10);
    expect(await changes.apply(editor, id, null)).toMatchObject({ status: "APPLIED" });
    expect(cities.calls.filter((call) => call.startsWith("edits"))).toEqual([]);
  });
});
