// ingestNews: a news text or page becomes edits proposed for review. The text is read (the page's
// main text for html), its facts extracted and planned (news-extract) over lookups the data
// subgraphs answer, and the planned edits staged in the viewer's changeset through each subgraph's
// /changes/stage, in dependency order (cities, agreements, news). Every subgraph checks its edits in
// a dry run first and a changeset is opened only when all would take them, so a refusal leaves
// nothing behind; a text seen before (by url or content hash) stages nothing.
import { logger } from "@twingraph/kit/http";
import {
  badUserInput,
  type ChangeParticipant,
  checkTextLength,
  codedError,
  type EditToStage,
  newChangesetId,
  ParticipantError,
  requireRole,
  type Viewer,
} from "@twingraph/kit/subgraph";
import { cityId, isIsoDate } from "@twingraph/kit/text";
import {
  type NewsPerson as ExtractedPerson,
  type ExtractedRelation,
  type Extraction,
  extractNews,
  IngestError,
  type NewsInput,
  type NewsPlan,
  type PlannedEdit,
  pageText,
  planNews,
} from "@twingraph/news-extract";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import { type Changeset, ChangesetKind, ChangesetStatus } from "../entities";
import { subgraphsUnavailable } from "../fan-out";
import { changeParticipants } from "../participants";
import { changesetClosed, changesetNotFound, isAuthor, MAX_COMMENT_LENGTH } from "../policy";
import { findChangeset, insertChangeset } from "../store";
import { type NewsLookups, newsLookups } from "./lookups";
import type { ExtractedFact, NewsIngestion, NewsPerson } from "./news-ingestion.types";
import { planLookups } from "./plan-lookups";

/** The largest text or page taken, in UTF-8 bytes: a news page with its markup and boilerplate is far smaller. */
export const MAX_NEWS_INPUT_BYTES = 1_000_000;
/**
 * The longest text read, in characters (a page's main text, or the text given): a news item is a few
 * thousand. Extraction grows faster than the text (here 2.5 s for 49,000 characters, 6.6 s for
 * 98,000), and the gateway waits 5 s for the changes subgraph by default.
 */
export const MAX_NEWS_TEXT_LENGTH = 50_000;
const MAX_URL_LENGTH = 2_000;
const MAX_LANGUAGE_LENGTH = 35;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;
const MAX_TITLE_IN_COMMENT = 200;

/** The order edits are staged in: a place before the partnership that names it, a partnership before its visit. */
const STAGING_ORDER = ["cities", "agreements", "news"] as const;

export interface IngestNewsArgs {
  text?: string | null;
  html?: string | null;
  url?: string | null;
  publishedOn?: string | null;
  language?: string | null;
  changesetId?: string | null;
}

export interface IngestNewsOptions {
  /** default: those set for this changes database (setNewsLookups) */
  lookups?: NewsLookups | null;
  /** default: those set for this changes database (setChangeParticipants) */
  participants?: readonly ChangeParticipant[];
}

export async function ingestNews(
  db: DataSource,
  viewer: Viewer | null,
  args: IngestNewsArgs,
  options: IngestNewsOptions = {},
): Promise<NewsIngestion> {
  const author = requireRole(viewer, "contributor", "ingest news");
  const input = readInput(args);
  const given = args.changesetId ? await ownOpenChangeset(db, author, args.changesetId) : null;
  const lookups = options.lookups !== undefined ? options.lookups : newsLookups(db);
  if (!lookups) throw subgraphsUnavailable(["cities", "agreements", "news"], "look up the places and news");
  const resolver = planLookups(lookups);
  const extraction = await extractNews(input, resolver);
  const plan = await planNews(extraction, input, resolver);
  if (plan.report.duplicateOf || plan.edits.length === 0) return answer(extraction, plan, given, 0);
  const changesetId = given?.id ?? newChangesetId(author.subject);
  const batches = stagingBatches(plan.edits, options.participants ?? changeParticipants(db));
  for (const { participant, edits } of batches) await stageIn(participant, changesetId, author, edits, true);
  const changeset =
    given ??
    (await insertChangeset(db.manager, {
      id: changesetId,
      author,
      comment: commentFor(extraction, input),
      kind: ChangesetKind.EDIT,
    }));
  const staged: string[] = [];
  for (const { participant, edits } of batches) {
    try {
      await stageIn(participant, changeset.id, author, edits, false);
    } catch (error) {
      logger.warn(
        { service: "changes", changesetId: changeset.id, subgraph: participant.name, staged, err: error },
        "ingestNews: a subgraph refused edits it had accepted in the dry run",
      );
      throw partlyStaged(error, changeset.id, staged);
    }
    staged.push(participant.name);
  }
  return answer(
    extraction,
    plan,
    (await findChangeset(db.manager, changeset.id)) ?? changeset,
    plan.edits.length,
  );
}

/** The text to read, from exactly one of `text` and `html`, with the arguments checked. */
function readInput(args: IngestNewsArgs): NewsInput {
  const given = [args.text, args.html].filter((value) => value !== null && value !== undefined);
  if (given.length !== 1) throw badUserInput("text", "or `html` must be given, exactly one of them");
  const argument = args.html != null ? "html" : "text";
  const content = (args.html ?? args.text) as string;
  if (Buffer.byteLength(content, "utf8") > MAX_NEWS_INPUT_BYTES)
    throw badUserInput(argument, `must be at most ${MAX_NEWS_INPUT_BYTES.toLocaleString("en")} bytes`);
  const url = checkTextLength(args.url?.trim() || null, "url", MAX_URL_LENGTH);
  if (url && !/^https?:\/\/[^\s]+$/i.test(url)) throw badUserInput("url", "must be an http or https URL");
  const publishedOn = args.publishedOn?.trim() || null;
  if (publishedOn && !isIsoDate(publishedOn)) throw badUserInput("publishedOn", "must be a date, YYYY-MM-DD");
  const language = checkTextLength(args.language?.trim() || null, "language", MAX_LANGUAGE_LENGTH);
  if (language && !LANGUAGE_TAG.test(language))
    throw badUserInput("language", 'must be a BCP 47 tag: "sl", "sr-Cyrl"');
  if (argument === "text") {
    const text = content.trim();
    if (text === "") throw badUserInput("text", "must hold the news text");
    checkTextRead(text, "text");
    return { text, title: null, url, publishedOn, language };
  }
  const page = readPage(content, url);
  checkTextRead(page.text, "html");
  return {
    text: page.text,
    title: page.title || null,
    url: url ?? page.url ?? null,
    publishedOn: publishedOn ?? page.publishedOn,
    language: language ?? page.language,
  };
}

function checkTextRead(text: string, argument: string): void {
  if (text.length > MAX_NEWS_TEXT_LENGTH)
    throw badUserInput(
      argument,
      `must hold at most ${MAX_NEWS_TEXT_LENGTH.toLocaleString("en")} characters of news text, got ${text.length.toLocaleString("en")}: give one news item at a time`,
    );
}

function readPage(html: string, url: string | null) {
  try {
    return pageText(html, url);
  } catch (error) {
    if (error instanceof IngestError)
      throw codedError("BAD_USER_INPUT", `Argument "html" cannot be ingested: ${error.reason}.`, {
        argumentName: "html",
        reason: error.code,
      });
    throw error;
  }
}

/** The viewer's own changeset, still OPEN: else NOT_FOUND, FORBIDDEN or CHANGESET_CLOSED. */
async function ownOpenChangeset(db: DataSource, author: Viewer, id: string): Promise<Changeset> {
  const changeset = await findChangeset(db.manager, id);
  if (!changeset) throw changesetNotFound(id);
  if (!isAuthor(author, changeset))
    throw codedError("FORBIDDEN", `Changeset ${id} belongs to another account: give one you opened.`, {
      changesetId: id,
    });
  if (changeset.status !== ChangesetStatus.OPEN) throw changesetClosed(changeset, "take more edits");
  return changeset;
}

interface StagingBatch {
  participant: ChangeParticipant;
  edits: EditToStage[];
}

/** The planned edits by subgraph, in staging order; SUBGRAPH_UNAVAILABLE when one is not configured. */
function stagingBatches(
  edits: readonly PlannedEdit[],
  participants: readonly ChangeParticipant[],
): StagingBatch[] {
  const batches: StagingBatch[] = [];
  for (const subgraph of STAGING_ORDER) {
    const ofSubgraph = edits.filter((edit) => edit.subgraph === subgraph);
    if (ofSubgraph.length === 0) continue;
    const participant = participants.find((candidate) => candidate.name === subgraph);
    if (!participant) throw subgraphsUnavailable([subgraph], "stage the news item's edits");
    batches.push({
      participant,
      edits: ofSubgraph.map((edit) => ({
        entity: edit.entity,
        recordId: edit.recordId,
        op: "CREATE",
        values: edit.values,
        source: edit.source,
      })),
    });
  }
  return batches;
}

async function stageIn(
  participant: ChangeParticipant,
  changesetId: string,
  author: Viewer,
  edits: readonly EditToStage[],
  dryRun: boolean,
): Promise<void> {
  try {
    await participant.stageEdits(changesetId, author, edits, dryRun);
  } catch (error) {
    throw stageRefusal(participant.name, error);
  }
}

/** A refusal keeps its code (CONFLICT, BAD_USER_INPUT…) and says which subgraph; no answer is SUBGRAPH_UNAVAILABLE. */
function stageRefusal(subgraph: string, error: unknown): GraphQLError {
  if (error instanceof GraphQLError)
    return new GraphQLError(`The ${subgraph} subgraph refused the edits: ${error.message}`, {
      extensions: { ...error.extensions, subgraph },
    });
  if (error instanceof ParticipantError && error.code && error.status !== undefined && error.status < 500)
    return codedError(error.code, error.message, { subgraph });
  logger.warn({ service: "changes", subgraph, err: error }, "ingestNews: staging failed");
  return subgraphsUnavailable([subgraph], "stage the news item's edits");
}

/**
 * A subgraph that accepted its edits in the dry run refused them after another one had staged its
 * own (a record taken in between): the kit cannot drop staged edits, so the changeset stays OPEN
 * with those, and the error says so. Don't submit it; ingest again in a new one.
 */
function partlyStaged(error: unknown, changesetId: string, staged: readonly string[]): GraphQLError {
  const refusal = error instanceof GraphQLError ? error : stageRefusal("unknown", error);
  const left =
    staged.length === 0
      ? "nothing was staged"
      : `the edits staged in ${staged.join(" and ")} remain in changeset ${changesetId}, which stays OPEN: do not submit it`;
  return new GraphQLError(`${refusal.message} (${left})`, {
    extensions: { ...refusal.extensions, changesetId, stagedIn: [...staged] },
  });
}

function commentFor(extraction: Extraction, input: NewsInput): string {
  const about = titleOf(extraction) || input.url || "a news text";
  const clipped =
    about.length > MAX_TITLE_IN_COMMENT ? `${about.slice(0, MAX_TITLE_IN_COMMENT - 1)}…` : about;
  return `News: ${clipped}`.slice(0, MAX_COMMENT_LENGTH);
}

function titleOf(extraction: Extraction): string {
  return extraction.title.trim() || extraction.text.trim().split("\n", 1)[0].trim();
}

function answer(
  extraction: Extraction,
  plan: NewsPlan,
  changeset: Changeset | null,
  staged: number,
): NewsIngestion {
  const { report } = plan;
  const quote = (start: number, end: number) => extraction.text.slice(start, end);
  return {
    changeset,
    newsItemId: report.duplicateOf ? null : report.newsItemId,
    duplicateOf: report.duplicateOf,
    title: titleOf(extraction),
    language: report.language,
    staged,
    facts: report.relations
      .filter((relation) => relation.kind !== "NONE")
      .map((relation) => factOf(relation, quote)),
    ambiguousPlaces: report.ambiguous.map(({ text, candidates }) => ({
      text,
      candidates: candidates.map(({ cityId: id, geonameId, name, countryCode, population }) => ({
        cityId: id,
        geonameId,
        name,
        countryCode,
        population,
      })),
    })),
    proposedPlaces: report.proposedPlaces.map((place) => ({
      cityId: cityId(place.countryCode, place.name),
      geonameId: place.geonameId,
      name: place.name,
      countryCode: place.countryCode,
      latitude: place.latitude,
      longitude: place.longitude,
      population: place.population,
    })),
  };
}

function factOf(relation: ExtractedRelation, quote: (start: number, end: number) => string): ExtractedFact {
  return {
    kind: relation.kind,
    quote: quote(relation.span.start, relation.span.end),
    start: relation.span.start,
    end: relation.span.end,
    confidence: relation.confidence,
    placeIds: relation.placeIds,
    hostId: relation.hostId,
    visitorIds: relation.visitorIds,
    date: relation.date?.date ?? null,
    people: relation.people.map((person) => personOf(person, quote)),
  };
}

function personOf(person: ExtractedPerson, quote: (start: number, end: number) => string): NewsPerson {
  return {
    name: person.name,
    role: person.role,
    cityId: person.cityId,
    passage: quote(person.passage.start, person.passage.end),
    start: person.start,
    end: person.end,
  };
}
