// The whole extraction on one text: language and script, dates, countries, places linked through the
// resolver, people, then the relations the text states. Pure apart from the resolver's lookups.
import { findCountries } from "./countries";
import { findDates } from "./dates";
import { detectLanguage } from "./language";
import { distinctPeople, findPeople, sentenceSpans } from "./people";
import { findPlaceMentions, linkPlaces } from "./places";
import { findRelations } from "./relations";
import type { Extraction, LinkedPlace, NewsInput, NewsPerson, PlaceResolver } from "./types";

/** A title longer than this is cut at a word. */
const TITLE_LENGTH = 120;

export async function extractNews(input: NewsInput, resolver: PlaceResolver): Promise<Extraction> {
  const text = input.text;
  const publishedOn = input.publishedOn ?? null;
  const language = await detectLanguage(text, input.language);
  const dates = findDates(text, language.language, publishedOn);
  const countries = findCountries(text);
  const mentions = findPlaceMentions(text, language.language);
  const linked = await linkPlaces(text, mentions, countries, resolver);
  const mentioned = findPeople(text, language.language, linked, countries);
  const places = withoutNames(linked, mentioned);
  const relations = findRelations(text, language.language, places, dates, mentioned, publishedOn);
  return {
    text,
    title: input.title?.trim() || titleOf(text),
    language,
    publishedOn,
    dates,
    countries,
    places,
    relations,
    people: distinctPeople(mentioned),
  };
}

/** A place inside a person's name is part of the name: "župan Matjaž Rakovec" names no village Rakovec. */
function withoutNames(places: LinkedPlace[], people: readonly NewsPerson[]): LinkedPlace[] {
  return places.filter(
    (place) =>
      !people.some((person) => person.start <= place.mention.start && place.mention.end <= person.end),
  );
}

/** A page's first lines are often a section label ("Novice") or a dateline: the headline comes soon after. */
const TITLE_LOOKAHEAD = 3;
const TITLE_WORDS = 3;

/**
 * The headline of a text: among its first lines or sentences that are not a bare dateline, the
 * first of three words or more (else the first), at most TITLE_LENGTH characters.
 */
export function titleOf(text: string): string {
  const leading = sentenceSpans(text)
    .map(({ start, end }) => text.slice(start, end).trim())
    .filter((sentence) => sentence !== "" && !isDateline(sentence))
    .slice(0, TITLE_LOOKAHEAD);
  const first = leading.find((sentence) => sentence.split(/\s+/).length >= TITLE_WORDS) ?? leading[0];
  if (!first) return "";
  if (first.length <= TITLE_LENGTH) return first;
  const cut = first.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "28. julij, 2015", "Среда, 29. септембар 2021.": a date and nothing else worth a title. */
function isDateline(sentence: string): boolean {
  const dates = findDates(sentence, "und");
  if (dates.length === 0) return false;
  const rest = dates.reduce((left, date) => left.replace(date.text, ""), sentence);
  return !/\p{L}/u.test(rest);
}
