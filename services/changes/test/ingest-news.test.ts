// ingestNews in the changes subgraph alone: the real extraction and plan over lookups answered here
// (two graph cities, their partnership, the news items staged so far) and participants in memory,
// so that what is staged where, in which order, and what is refused before anything is staged can
// be read directly. The whole federation's way is test/e2e/news-ingest-mutation.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { localExecutor, type Viewer } from "@twingraph/kit/subgraph";
import { type GraphPlaceCandidate, nameKey, nameStem, pairKey } from "@twingraph/kit/text";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Changeset } from "../src/entities";
import { MAX_NEWS_INPUT_BYTES, MAX_NEWS_TEXT_LENGTH } from "../src/news/ingest-news";
import { type NewsLookups, setNewsLookups } from "../src/news/lookups";
import { setChangeParticipants } from "../src/participants";
import { buildChangesSubgraph } from "../src/schema";
import { openChangesDatabase } from "../src/server";
import { FakeParticipant } from "./fake-participant";

const contributor: Viewer = { subject: "test-contributor", name: "Test Contributor", role: "contributor" };
const other: Viewer = { subject: "test-other", name: "Other Contributor", role: "contributor" };

/** A real news item of Kranj (A's fixture sl-06): its dateline, title and first sentence, verbatim. */
const FIXTURE = JSON.parse(
  readFileSync(path.resolve(__dirname, "../../../test/fixtures/news/sl-06.json"), "utf8"),
) as { url: string; publishedOn: string; text: string };
const NEWS_TEXT = FIXTURE.text.slice(0, FIXTURE.text.indexOf("ponudbo.") + "ponudbo.".length);

/** The graph's two cities as the cities subgraph would answer for them (ids, names and places of the seed). */
const CITIES = [
  { names: ["Kranj"], candidate: city("si-kranj", "Kranj", "SI", 46.23887, 14.35561, 3197378) },
  {
    names: ["Villach", "Beljak"],
    candidate: city("at-villach", "Villach", "AT", 46.61028, 13.85583, 2762372),
  },
];
const PARTNERSHIP_ID = "p-test-kranj-villach";

function city(
  cityId: string,
  name: string,
  countryCode: string,
  latitude: number,
  longitude: number,
  geonameId: number,
): Omit<GraphPlaceCandidate, "key"> {
  return { cityId, name, countryCode, latitude, longitude, geonameId, population: null };
}

let db: DataSource;
let cities: FakeParticipant;
let agreements: FakeParticipant;
let news: FakeParticipant;
let run: (
  viewer: Viewer | null,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}>;

/** The lookups the data subgraphs would answer: the news participant's staged items count as seen. */
const lookups: NewsLookups = {
  async placeCandidates(keys) {
    return keys.flatMap((key) =>
      CITIES.filter(({ names }) => names.some((name) => nameKey(name) === key || nameStem(name) === key)).map(
        ({ candidate }) => ({ key, ...candidate }),
      ),
    );
  },
  async pairPartnerships(pairs) {
    return pairs
      .map(([a, b]) => pairKey(a, b))
      .filter((pair) => pair === pairKey("si-kranj", "at-villach"))
      .map((pair) => ({ pair, id: PARTNERSHIP_ID }));
  },
  async newsSeen(url, contentHash) {
    const item = news.staged.find((edit) => {
      const values = JSON.parse(edit.value) as { url?: string; contentHash?: string };
      return values.contentHash === contentHash || (url !== null && values.url === url);
    });
    return item?.recordId ?? null;
  },
};

const INGEST = /* GraphQL */ `
  mutation Ingest($text: String, $html: String, $url: String, $publishedOn: String, $changesetId: ID) {
    ingestNews(text: $text, html: $html, url: $url, publishedOn: $publishedOn, changesetId: $changesetId) {
      changeset { id status authorName comment }
      newsItemId
      duplicateOf
      language
      staged
      facts { kind quote start end confidence placeIds hostId visitorIds date people { name role } }
      ambiguousPlaces { text }
      proposedPlaces { cityId }
    }
  }
`;

/** The mutation's or query's field, once the answer is known to hold no errors. */
function fieldOf<T>(answer: { data?: Record<string, unknown> | null; errors?: unknown }, field: string): T {
  expect(answer.errors).toBeUndefined();
  return (answer.data as Record<string, T>)[field];
}

const changesetCount = () => db.getRepository(Changeset).count();
const stageCalls = () =>
  [cities, agreements, news].flatMap((participant) =>
    participant.calls
      .filter((call) => call.startsWith("stageEdits"))
      .map((call) => `${participant.name} ${call}`),
  );

beforeAll(async () => {
  db = await openChangesDatabase({ url: ":memory:" });
  const { schema } = await buildChangesSubgraph();
  setNewsLookups(lookups, db);
  run = (viewer, query, variables) => localExecutor(schema, db, viewer)(query, variables);
});
afterAll(() => db.destroy());

beforeEach(() => {
  cities = new FakeParticipant("cities");
  agreements = new FakeParticipant("agreements");
  news = new FakeParticipant("news");
  setChangeParticipants([cities, agreements, news], db);
});

describe("ingestNews", () => {
  it("stages a news item and its visit, linked to the existing partnership, in a new changeset", async () => {
    const { data, errors } = await run(contributor, INGEST, {
      text: NEWS_TEXT,
      url: FIXTURE.url,
      publishedOn: FIXTURE.publishedOn,
    });
    expect(errors).toBeUndefined();
    const answer = data?.ingestNews as {
      changeset: { id: string; status: string; authorName: string; comment: string };
      newsItemId: string;
      duplicateOf: string | null;
      language: string;
      staged: number;
      facts: {
        kind: string;
        quote: string;
        start: number;
        end: number;
        hostId: string;
        visitorIds: string[];
        date: string;
      }[];
    };
    expect(answer.changeset).toMatchObject({ status: "OPEN", authorName: contributor.name });
    expect(answer.changeset.comment).toMatch(/^News: /);
    expect(answer.duplicateOf).toBeNull();
    expect(answer.language).toBe("sl");
    const visit = answer.facts.find((fact) => fact.kind === "VISIT");
    expect(visit).toMatchObject({ hostId: "at-villach", visitorIds: ["si-kranj"], date: "2015-07-27" });
    // every fact quotes the stored text exactly
    for (const fact of answer.facts) expect(fact.quote).toBe(NEWS_TEXT.slice(fact.start, fact.end));

    // both places are in the graph and joined already: only the news subgraph has edits, checked first
    const id = answer.changeset.id;
    expect(stageCalls()).toEqual([`news stageEdits ${id}`, `news stageEdits ${id}`]);
    const staged = news.staged.map((edit) => ({ recordId: edit.recordId, ...JSON.parse(edit.value) }));
    expect(staged).toHaveLength(answer.staged);
    const item = staged.find((edit) => edit.recordId === answer.newsItemId);
    expect(item).toMatchObject({ text: NEWS_TEXT, url: FIXTURE.url, language: "sl" });
    expect(staged.find((edit) => edit.newsItemId === answer.newsItemId)).toMatchObject({
      hostCityId: "at-villach",
      visitorCityIds: ["si-kranj"],
      partnershipIds: [PARTNERSHIP_ID],
      date: "2015-07-27",
    });
    expect(
      news.staged.every((edit) => edit.changesetId === id && edit.authorId === contributor.subject),
    ).toBe(true);
  });

  it("stages nothing for a text seen before, and answers the item that holds it", async () => {
    const first = await run(contributor, INGEST, { text: NEWS_TEXT });
    const firstItem = fieldOf<{ newsItemId: string }>(first, "ingestNews").newsItemId;
    const changesets = await changesetCount();
    const before = stageCalls().length;
    const again = await run(contributor, INGEST, { text: `  ${NEWS_TEXT}\n` });
    expect(again.errors).toBeUndefined();
    expect(again.data?.ingestNews).toMatchObject({
      changeset: null,
      newsItemId: null,
      duplicateOf: firstItem,
      staged: 0,
    });
    expect(stageCalls()).toHaveLength(before);
    expect(await changesetCount()).toBe(changesets);
  });

  it("stages in the viewer's open changeset when given, and refuses another account's", async () => {
    const opened = await run(contributor, `mutation { openChangeset(comment: "Kranj news") { id } }`);
    const changesetId = fieldOf<{ id: string }>(opened, "openChangeset").id;
    const mine = await run(contributor, INGEST, { text: NEWS_TEXT, changesetId });
    expect(fieldOf<{ changeset: { id: string } }>(mine, "ingestNews").changeset.id).toBe(changesetId);

    const theirs = await run(other, INGEST, { text: `${NEWS_TEXT}\nOther.`, changesetId });
    expect(theirs.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
  });

  it("refuses bad input before reading anything, opening and staging nothing", async () => {
    const changesets = await changesetCount();
    const refusals = [
      [null, { text: NEWS_TEXT }, "UNAUTHENTICATED"],
      [contributor, {}, "BAD_USER_INPUT"],
      [contributor, { text: NEWS_TEXT, html: "<p>x</p>" }, "BAD_USER_INPUT"],
      [contributor, { text: "x".repeat(MAX_NEWS_INPUT_BYTES + 1) }, "BAD_USER_INPUT"],
      [contributor, { text: `${NEWS_TEXT} `.repeat(MAX_NEWS_TEXT_LENGTH / 100) }, "BAD_USER_INPUT"],
      [
        contributor,
        { html: `<article><p>${`${NEWS_TEXT} `.repeat(MAX_NEWS_TEXT_LENGTH / 100)}</p></article>` },
        "BAD_USER_INPUT",
      ],
      [contributor, { text: "   " }, "BAD_USER_INPUT"],
      [contributor, { text: NEWS_TEXT, publishedOn: "28.7.2015" }, "BAD_USER_INPUT"],
      [contributor, { text: NEWS_TEXT, url: "javascript:alert(1)" }, "BAD_USER_INPUT"],
    ] as const;
    for (const [viewer, variables, code] of refusals) {
      const { errors } = await run(viewer, INGEST, variables);
      expect(
        errors?.map((error) => error.extensions?.code),
        JSON.stringify(variables).slice(0, 80),
      ).toEqual([code]);
    }
    const page = await run(contributor, INGEST, {
      html: "<html><body><nav><a href='/'>Domov</a></nav><footer>© Mestna občina</footer></body></html>",
    });
    expect(page.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "html",
      reason: "NO_TEXT",
    });
    expect(page.errors?.[0].message).toMatch(/no main text/);
    expect(stageCalls()).toEqual([]);
    expect(await changesetCount()).toBe(changesets);
  });

  it("opens no changeset when a subgraph refuses or fails the dry run", async () => {
    const changesets = await changesetCount();
    news.failNext("stageEdits");
    const { errors } = await run(contributor, INGEST, { text: `${NEWS_TEXT}\nFailing.` });
    expect(errors?.map((error) => error.extensions?.code)).toEqual(["SUBGRAPH_UNAVAILABLE"]);
    expect(news.staged).toEqual([]);
    expect(await changesetCount()).toBe(changesets);
  });
});
