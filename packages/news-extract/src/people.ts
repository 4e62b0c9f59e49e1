// People named in partnership news (mayors, deputy mayors, ambassadors, heads of delegations): a
// role word before or after a name of two or three capitalised words, in every language the news
// comes in; the role normalised to English and the town they represent when the text says. Also the
// sentence splitting and place ids the relations share.
import { nameStem } from "@twingraph/kit/text";
import type { CountryMention, LinkedPlace, NewsLanguage, NewsPerson, PlaceCandidate, Span } from "./types";

type Linked = Extract<LinkedPlace, { kind: "linked" }>;

/** How a relation or person names a place: the graph's id, else the GeoNames proposal. */
export function placeId(place: PlaceCandidate): string | null {
  if (place.cityId) return place.cityId;
  return place.geonameId === null ? null : `geonames:${place.geonameId}`;
}

export function linkedPlaces(places: readonly LinkedPlace[]): Linked[] {
  return places.filter((place): place is Linked => place.kind === "linked");
}

/** Words followed by a full stop that does not end the sentence. */
const ABBREVIATIONS = new Set(
  [
    "dr",
    "mr",
    "mrs",
    "ms",
    "st",
    "sv",
    "g",
    "ga",
    "gdč",
    "gosp",
    "prof",
    "mag",
    "tj",
    "npr",
    "itd",
    "ul",
    "br",
    "str",
    "m",
    "mme",
    "mlle",
    "vs",
    "etc",
    "jr",
    "sr",
    "inž",
    "ing",
    "dipl",
    "hr",
    "no",
    "nr",
    "bzw",
    "ca",
    "evt",
    "oz",
    "gđa",
    "gđica",
    "г",
    "гдин",
    "гђа",
    "др",
    "проф",
    "тј",
    "нпр",
  ].map((word) => word.toLowerCase()),
);

/**
 * The sentences of a text as spans: a line break ends one, and so does . ! ? or … before a capital
 * letter, a quote or a digit, unless the full stop closes an abbreviation, an initial or a day or
 * month number ("26. 10. 2020", "am 3. März").
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const close = (end: number) => {
    const slice = text.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    const trail = slice.length - slice.trimEnd().length;
    if (slice.trim() !== "") spans.push({ start: start + lead, end: end - trail });
    start = end;
  };
  // "…овај братски Град.Поред…": a full stop between a lower-case letter and a capital ends one too
  const boundary = /\n|[.!?…]+["»«“”'’)]*(?=\s+["«»“„'(]?[\p{Lu}\p{N}])|(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll})/gu;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (match[0] !== "\n" && !endsSentence(text, match.index)) continue;
    close(end);
  }
  close(text.length);
  return spans;
}

function endsSentence(text: string, stopAt: number): boolean {
  if (text[stopAt] !== ".") return true;
  const word = /([\p{L}\p{N}]+)$/u.exec(text.slice(Math.max(0, stopAt - 20), stopAt))?.[1];
  if (!word) return true;
  if (/^\p{N}{1,2}$/u.test(word)) return false;
  if (/^\p{Lu}$/u.test(word)) return false;
  return !ABBREVIATIONS.has(word.toLowerCase());
}

/** The sentence holding an offset (the last one when the offset is past the text). */
export function sentenceAt(sentences: readonly Span[], offset: number): Span {
  return sentences.find((sentence) => offset < sentence.end) ?? sentences[sentences.length - 1];
}

interface RoleWord {
  pattern: string;
  role: string;
}

/** Letters only, so that patterns can say "the rest of the word" in any script. */
const L = "\\p{L}*";

/**
 * Role words in every language the news comes in, inflected forms by stem; longer matches win over
 * the shorter ones inside them ("zamjenik gradonačelnika" over "gradonačelnika").
 */
const ROLE_WORDS: RoleWord[] = [
  // deputy mayors first: their words contain a mayor's
  { pattern: `podžupan${L}`, role: "deputy mayor" },
  { pattern: `(?:zamjeni|zameni)(?:k|c)${L}\\s+(?:gradonačelni|načelni)${L}`, role: "deputy mayor" },
  { pattern: `замени(?:к|ц)${L}\\s+градонач[еа]лни${L}`, role: "deputy mayor" },
  { pattern: `(?:premi(?:er|ère)\\s+)?adjointe?\\s+au\\s+maire`, role: "deputy mayor" },
  { pattern: `maire[-\\s]adjointe?`, role: "deputy mayor" },
  { pattern: `(?:deputy|vice)[-\\s]mayor`, role: "deputy mayor" },
  {
    pattern: `(?:(?:erste[rn]?\\s+)?(?:vize|bürgermeister-?)?(?:bürgermeister)?stellvertreter(?:in)?|vizebürgermeister(?:in)?|stellvertretende[rn]?\\s+bürgermeister(?:in)?)`,
    role: "deputy mayor",
  },
  { pattern: `(?:erste[rn]?\\s+)?beigeordnete[rn]?`, role: "deputy mayor" },
  { pattern: `(?:ober)?bürgermeister(?:in|s)?`, role: "mayor" },
  { pattern: `premi(?:er|ère)\\s+magistrat`, role: "mayor" },
  { pattern: `town\\s+clerk`, role: "town clerk" },
  { pattern: `(?:lord\\s+)?mayor(?:ess)?s?`, role: "mayor" },
  { pattern: `maires?`, role: "mayor" },
  { pattern: `župan(?:ja|je|ji|jo|a|u|om|i|e|ov|ih|oma|ovi|ovo)?`, role: "mayor" },
  { pattern: `(?:grado)?načelni(?:k|c)${L}`, role: "mayor" },
  { pattern: `градонач[еа]лни(?:к|ц)${L}`, role: "mayor" },
  { pattern: `ambasador${L}|амбасадор${L}|veleposlani(?:k|c)${L}`, role: "ambassador" },
  { pattern: `ambassad(?:eur|rice)s?|ambassadors?|botschafter(?:in)?s?`, role: "ambassador" },
  {
    pattern: `(?:generaln${L}\\s+)?konzul${L}|конзул${L}|consul(?:e|s)?|(?:general)?konsul(?:in)?`,
    role: "consul",
  },
  {
    pattern: `minist(?:ar|ra|ru|rom|ri|rica|rice|rici|er|re|res|ers|erin)|министар(?:ка|а|у|ом|и)?|министр(?:а|у|ом|и|ка)|министер(?:от|ка)?`,
    role: "minister",
  },
  { pattern: `governor|guverner${L}|gouverneur|landeshauptmann`, role: "governor" },
  {
    pattern: `councill?ors?|conseill(?:er|ère)s?\\s+municipa(?:l|le|ux)|(?:občinsk${L}\\s+)?svetni(?:k|c)${L}|vijećni(?:k|c)${L}|odborni(?:k|c)${L}|одборни(?:к|ц)${L}|(?:gemeinde|stadt)r(?:at|ätin)`,
    role: "councillor",
  },
  {
    pattern: `(?:predsedni|predsjedni)(?:k|c)${L}\\s+(?:opštin|općin|občin)${L}|председни(?:к|ц)${L}\\s+општин${L}|претседател${L}\\s+на\\s+општин${L}`,
    role: "president of the municipality",
  },
  {
    pattern: `(?:predsedni|predsjedni)(?:k|c)${L}\\s+(?:skupštin|gradsk${L}\\s+vijeć|općinsk${L}\\s+vijeć)${L}|председни(?:к|ц)${L}\\s+скупштин${L}`,
    role: "president of the assembly",
  },
  {
    pattern: `head\\s+of\\s+(?:the\\s+)?delegation|(?:vodj|vođ|šef|vodi(?:telj|teljic))${L}\\s+delegacij${L}|(?:шеф|вођ)${L}\\s+делегациј${L}|chef(?:fe)?\\s+de\\s+(?:la\\s+)?délégation|delegationsleiter(?:in)?|leiter(?:in)?\\s+der\\s+delegation`,
    role: "head of delegation",
  },
  {
    pattern: `državn${L}\\s+sekretar${L}|државн${L}\\s+секретар${L}|state\\s+secretary|secrétaire\\s+d['’]état|staatssekretär(?:in)?`,
    role: "state secretary",
  },
  {
    pattern: `(?:predsedni|predsjedni|potpredsjedni|podpredsedni)(?:k|c)${L}|председни(?:к|ц)${L}|претседател${L}|présidente?|präsident(?:in)?|president`,
    role: "president",
  },
];

/** The role words as one pattern per role, matched whole-word and case-insensitively. */
const ROLE_PATTERNS = ROLE_WORDS.map(({ pattern, role }) => ({
  role,
  regex: new RegExp(`(?<![\\p{L}\\p{M}])(?:${pattern})(?![\\p{L}\\p{M}])`, "giu"),
}));

/** One capitalised word of a name: "Radojičić", "Jean-Marie", "O'Neill", "Д'Аламбер"; or an initial "J.". */
const NAME_WORD = "(?:\\p{Lu}[\\p{Ll}\\p{M}]+(?:['’-]\\p{Lu}?[\\p{Ll}\\p{M}]+)*|\\p{Lu}\\.)";
/** Lower-case particles inside names: "Ursula von der Leyen", "Jean de La Fontaine". */
const PARTICLE = "(?:von|van|der|den|de|du|da|di|del|della|des|zu|ter)";
const NAME_WORDS = new RegExp(NAME_WORD, "gu");
const NAME = new RegExp(`^${NAME_WORD}(?:(?: ${PARTICLE}){0,2} ${NAME_WORD}){1,3}`, "u");

/** Words between a role and the name that say whose role it is: "gradonačelnik Grada Beograda …". */
const QUALIFIER_WORDS = new Set(
  [
    "of",
    "the",
    "city",
    "town",
    "municipality",
    "de",
    "la",
    "du",
    "des",
    "d",
    "ville",
    "commune",
    "von",
    "der",
    "des",
    "stadt",
    "gemeinde",
    "marktgemeinde",
    "grada",
    "mesta",
    "mestne",
    "občine",
    "obcine",
    "opštine",
    "općine",
    "opcine",
    "opstine",
    "града",
    "општине",
    "општина",
    "на",
    "градот",
    "општината",
    "iz",
    "from",
    "aus",
    "in",
    "u",
    "v",
    "sa",
    "i",
    "и",
    "and",
    "et",
    "und",
    "obeh",
    "obeju",
    "oba",
    "obje",
    "both",
    "two",
    "občin",
    "opština",
    "općina",
    "град",
    "градот",
    "општина",
    "на",
    "pobratenega",
    "partnerske",
  ].map((word) => word.toLowerCase()),
);

/** Between the names of a list that shares one role: "Matjaž Rakovec in Günther Albel". */
const LIST_SEPARATOR = /^(?:\s*,\s*|\s+(?:and|in|i|и|et|und|ter|te)\s+)/u;

/** Titles before a name: "g. Bojan Kontič", "M. Christian Dupuy", "Herr Günther Albel". */
const TITLE =
  /^(?:g\.|ga\.|gđa\.|gosp(?:a|od)?\.?|dr\.|mag\.|prof\.|mr\.|mrs\.|ms\.|m\.|mme|herr|frau|г\.|гдин|гђа|др\.)\s+/iu;

interface RoleMatch extends Span {
  role: string;
}

function roleMatches(text: string): RoleMatch[] {
  const found: RoleMatch[] = [];
  for (const { role, regex } of ROLE_PATTERNS) {
    for (const match of text.matchAll(regex)) {
      found.push({ start: match.index, end: match.index + match[0].length, role });
    }
  }
  // the longest of overlapping matches wins: "zamjenik gradonačelnika" is one deputy, not a mayor too
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: RoleMatch[] = [];
  for (const match of found) {
    const last = kept[kept.length - 1];
    if (last && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}

/**
 * People named with a role, one entry per mention in text order (`distinctPeople` merges them). A
 * capitalised run that a linked place covers is the town, not the person: "gradonačelnik Beograda
 * Aleksandar Šapić" names Šapić, mayor of Beograd.
 */
export function findPeople(
  text: string,
  _language: NewsLanguage | "und",
  places: LinkedPlace[],
  countries: readonly CountryMention[] = [],
): NewsPerson[] {
  const linked = linkedPlaces(places);
  const sentences = sentenceSpans(text);
  const people: NewsPerson[] = [];
  const roles = roleMatches(text);
  for (const role of roles) {
    const sentence = sentenceAt(sentences, role.start);
    const after = namesAfter(text, role, sentence, linked, countries, roles);
    const named = after.names.length > 0 ? after.names : nameBefore(text, role, sentence, linked, countries);
    for (const name of named) {
      // a name already named by an earlier role keeps that role
      if (people.some((person) => person.start === name.start)) continue;
      const city = after.place ?? placeNear(text, role, sentence, linked);
      people.push({
        start: name.start,
        end: name.end,
        name: text.slice(name.start, name.end),
        role: role.role,
        cityId: city ? placeId(city.place) : null,
        passage: { ...sentence },
      });
    }
  }
  return people.sort((a, b) => a.start - b.start);
}

/** One entry per person (names compared by stem, so inflected mentions meet), the first mention's span. */
export function distinctPeople(people: readonly NewsPerson[]): NewsPerson[] {
  const byKey = new Map<string, NewsPerson>();
  for (const person of people) {
    const key = personKey(person.name);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...person });
    else {
      seen.role ??= person.role;
      seen.cityId ??= person.cityId;
    }
  }
  return [...byKey.values()];
}

/** A person's identity for merging and scoring: the stem of the surname. */
export function personKey(name: string): string {
  const words = nameStem(name).split(" ");
  return words[words.length - 1];
}

/** A word written exactly as a place linked elsewhere in the text is that place, wherever it stands. */
function sameNameAs(linked: readonly Linked[], word: string): Linked | undefined {
  return linked.find((place) => place.mention.text === word);
}

function startsTwoWordName(text: string, from: number, sentence: Span): boolean {
  const match = NAME.exec(text.slice(from, sentence.end));
  return match !== null && [...match[0].matchAll(NAME_WORDS)].length === 2;
}

function placeCovering(linked: readonly Linked[], start: number, end: number): Linked | undefined {
  return linked.find((place) => place.mention.start < end && start < place.mention.end);
}

/**
 * The names right after a role, skipping the town it belongs to and titles: "župan Mestne občine
 * Velenje Bojan Kontič", "mayors of Kranj and Villach, Matjaž Rakovec and Günther Albel". A list of
 * names joined by commas or "and" shares the role.
 */
function namesAfter(
  text: string,
  role: Span,
  sentence: Span,
  linked: readonly Linked[],
  countries: readonly Span[],
  roles: readonly RoleMatch[],
): { names: Span[]; place: Linked | undefined } {
  let at = role.end;
  let place: Linked | undefined;
  // the qualifier: connector words, countries and linked places, at most eight words, up to a comma;
  // other lower-case words ("gradonačelnik na crnogorskiot grad Nikšić") only when a place follows
  let tentative = at;
  for (let step = 0; step < 8; step++) {
    const word = /^\s*([\p{L}\p{M}'’]+)/u.exec(text.slice(tentative, sentence.end));
    if (!word) break;
    const wordStart = tentative + word[0].length - word[1].length;
    const wordEnd = wordStart + word[1].length;
    const covering = placeCovering(linked, wordStart, wordEnd) ?? sameNameAs(linked, word[1]);
    // a one-word place opening a two-word run is a first name: "gradonačelnik Mato Franković"
    if (covering && covering.mention.end <= wordEnd && startsTwoWordName(text, wordStart, sentence)) break;
    const country = countries.find((span) => span.start < wordEnd && wordStart < span.end);
    if (covering) {
      place ??= covering;
      tentative = at = Math.max(covering.mention.end, wordEnd);
    } else if (country) {
      tentative = at = Math.max(country.end, wordEnd);
    } else if (QUALIFIER_WORDS.has(word[1].toLowerCase())) {
      tentative = wordEnd;
      if (at === tentative - word[0].length) at = tentative;
    } else if (/^\p{Ll}/u.test(word[1])) {
      tentative = wordEnd;
    } else break;
  }
  const names: Span[] = [];
  let separator = /^(?:\s*[,:–—-]\s*|\s+)/u;
  for (;;) {
    const gap = separator.exec(text.slice(at, sentence.end));
    if (!gap) break;
    let from = at + gap[0].length;
    const title = TITLE.exec(text.slice(from, sentence.end));
    if (title) from += title[0].length;
    // a second role word is a title here: "the Mayor of Warminster, Councillor Phil Keeble"
    const second = roles.find((other) => other.start === from);
    if (second && names.length > 0) break;
    if (second) from = second.end + (/^\s*/u.exec(text.slice(second.end))?.[0].length ?? 0);
    // the next name's own town: "the mayors of Niš Dragana Sotirovski and East Sarajevo Ljubiša Ćosić"
    const town = names.length > 0 ? linked.find((candidate) => candidate.mention.start === from) : undefined;
    if (town) from = town.mention.end + (/^\s*/u.exec(text.slice(town.mention.end))?.[0].length ?? 0);
    const name = lastTwoOfLong(text, nameAt(text, from, sentence, linked, countries));
    if (!name) break;
    names.push(name);
    at = name.end;
    separator = LIST_SEPARATOR;
  }
  return { names, place };
}

/** "Christian Dupuy, maire de Suresnes", "Matjaž Rakovec (župan)": the name just before a role. */
function nameBefore(
  text: string,
  role: Span,
  sentence: Span,
  linked: readonly Linked[],
  countries: readonly Span[],
): Span[] {
  const before = text.slice(sentence.start, role.start);
  const lowerCaseRole = /^\p{Ll}/u.test(text.slice(role.start, role.end));
  const punctuation = (
    lowerCaseRole
      ? /\s*(?:[,(–—-]\s*)?(?:(?:the|la|le|der|die)\s+|l['’])?$/u
      : /\s*[,(–—-]\s*(?:(?:the|la|le|der|die)\s+|l['’])?$/u
  ).exec(before);
  if (!punctuation) return [];
  const end = sentence.start + punctuation.index;
  const words = [...text.slice(sentence.start, end).matchAll(NAME_WORDS)];
  for (let count = 2; count <= Math.min(3, words.length); count++) {
    const name = nameAt(
      text,
      sentence.start + words[words.length - count].index,
      sentence,
      linked,
      countries,
    );
    if (name && name.end === end) return [name];
  }
  return [];
}

/**
 * A name of two or three capitalised words starting at `from`, not a linked place or country: the
 * role before it vouches for the rest ("župan Matjaž Rakovec" is a person though Rakovec is a village).
 */
function nameAt(
  text: string,
  from: number,
  sentence: Span,
  linked: readonly Linked[],
  countries: readonly Span[],
): Span | undefined {
  const match = NAME.exec(text.slice(from, sentence.end));
  if (!match) return undefined;
  const end = from + match[0].length;
  const covers = (span: Span) => span.start <= from && end <= span.end;
  if (linked.some((place) => covers(place.mention)) || countries.some(covers)) return undefined;
  return { start: from, end };
}

/**
 * A run of three or four capitalised words after a role is a town the linker did not know and the
 * name ("градоначелник Источног Сарајева Љубиша Ћосић"): the name is its last two words.
 */
function lastTwoOfLong(text: string, name: Span | undefined): Span | undefined {
  if (!name) return undefined;
  const words = [...text.slice(name.start, name.end).matchAll(NAME_WORDS)];
  if (words.length < 3) return name;
  return { start: name.start + words[words.length - 2].index, end: name.end };
}

/** The linked place nearest the role within its clause (the sentence between commas and semicolons). */
function placeNear(text: string, role: Span, sentence: Span, linked: readonly Linked[]): Linked | undefined {
  let start = sentence.start;
  let end = sentence.end;
  for (let at = role.start - 1; at >= sentence.start; at--) {
    if (";:(".includes(text[at])) {
      start = at + 1;
      break;
    }
  }
  for (let at = role.end; at < sentence.end; at++) {
    if (";:)".includes(text[at])) {
      end = at;
      break;
    }
  }
  let best: Linked | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const place of linked) {
    if (place.mention.start < start || place.mention.end > end) continue;
    const distance = Math.abs(place.mention.start - role.start);
    if (distance < bestDistance) {
      best = place;
      bestDistance = distance;
    }
  }
  return best;
}
