// Places named in news texts: capitalised word runs that may name a place ("Banjaluke", "Novog
// Sada", "Biogradom na Moru", "Битола"), then linked to the graph's cities or the gazetteer through a
// PlaceResolver, namesakes settled by a country named nearby, by distance to the places the text
// names unambiguously, or by size, and left ambiguous otherwise.
import { greatCircleKm, nameKey, nameStem } from "@twingraph/kit/text";
import { exonymKey } from "./exonyms";
import type {
  CountryMention,
  LinkedPlace,
  NewsLanguage,
  PlaceCandidate,
  PlaceMention,
  PlaceResolver,
} from "./types";

/** Longest run of capitalised words taken as one name ("Frankfurt am Main", "Biograd na Moru"). */
const MAX_WORDS = 4;
/** Namesakes this close together are one place (a town and its municipality). */
const SAME_PLACE_KM = 30;
/** A country named this many characters before or after a place settles its namesakes. */
const COUNTRY_WINDOW = 200;
/** The nearest unambiguous place must be within this distance to settle namesakes. */
const NEAR_KM = 1500;
/** A namesake called by its own name (or as written) wins unless another is this many times nearer the text's places. */
const OWN_NAME_DISTANCE = 2;
/** A namesake this many times more populous than all others is the one meant. */
const DOMINANT_POPULATION = 10;
/** GeoNames-only places smaller than this are hamlets named like common words and surnames. */
const MIN_GEONAMES_POPULATION = 1000;

const CONFIDENCE = { single: 0.9, country: 0.9, partnership: 0.85, distance: 0.8, population: 0.7 } as const;
const GEONAMES_ONLY_PENALTY = 0.1;

/** Lower-case words inside place names: "Biograd na Moru", "Frankfurt am Main", "Saint-Jean de Luz". */
const JOINERS = new Set([
  "na",
  "nad",
  "pod",
  "ob",
  "pri",
  "u",
  "v",
  "de",
  "du",
  "des",
  "sur",
  "le",
  "la",
  "les",
  "am",
  "an",
  "der",
  "im",
  "upon",
  "on",
  "bei",
  // Italian: "Roseto degli Abruzzi", "San Pietro al Natisone", "Doberdò del Lago"
  "di",
  "del",
  "della",
  "dei",
  "degli",
  "delle",
  "al",
  "sul",
]);

/**
 * Capitalised words that name roles, bodies, documents and times rather than places, in the eight
 * languages (compared by stem, so every case form counts). They never belong to a place mention.
 */
const NOT_PLACE = stems(
  // roles
  "župan županja podžupan gradonačelnik gradonačelnica dogradonačelnik predsjednik predsednik predsednica predsjednica ministar minister ministrica ambasador veleposlanik veleposlanica konzul direktor načelnik načelnica svetnik svetnica odbornik " +
    "градоначелник градоначелница председник претседател министар амбасадор градоначалник " +
    "mayor deputy president minister ambassador consul councillor governor prime chairman director " +
    "maire adjoint adjointe président présidente ministre ambassadeur conseiller conseillère préfet " +
    "bürgermeister bürgermeisterin oberbürgermeister präsident minister botschafter stadtrat " +
    // bodies, documents, events
    "gradski gradska gradsko gradskog gradske gradskoj mestni mestna градски градска градско skupština skupštine vlada vlade ministarstvo ambasada veleposlaništvo svet sveta zbor odbor urad univerza univerzitet sveučilište fakultet škola šola " +
    "скупштина влада министерство министарство амбасада совет собрание универзитет " +
    "council assembly government ministry embassy university school committee office department chamber association union hall charter agreement memorandum festival " +
    "conseil assemblée gouvernement ministère ambassade université école comité mairie hôtel charte accord jumelage " +
    "rathaus gemeinderat regierung ministerium botschaft universität schule verein partnerschaft städtepartnerschaft vertrag " +
    "povelja povelje listina sporazum memorandum dogovor protokol festival dan dana teden tjedan " +
    "повеља споразум меморандум договор протокол фестивал ден дан " +
    // months and days as English and German capitalise them
    "january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday " +
    "januar februar märz april mai juni juli august september oktober november dezember " +
    "montag dienstag mittwoch donnerstag freitag samstag sonntag " +
    "eu evropske europske european européenne europäischen euro",
);

/**
 * First-level regions named like a town's other name: the German and Austrian Länder (their German,
 * English, French and South Slavic names; Wikipedia: States of Germany, States of Austria), less
 * those named exactly as their capital (Berlin, Hamburg, Bremen, Salzburg, Wien), where the town is
 * meant as often. "Freunde aus Brandenburg" are from the Land, not from Brandenburg an der Havel,
 * whose own name is longer; a mention that is one of these names alone is no town.
 */
const REGION_KEYS = new Set(
  [
    "Baden-Württemberg",
    "Bayern",
    "Bavaria",
    "Bavière",
    "Bavarska",
    "Brandenburg",
    "Hessen",
    "Hesse",
    "Mecklenburg-Vorpommern",
    "Niedersachsen",
    "Lower Saxony",
    "Basse-Saxe",
    "Nordrhein-Westfalen",
    "North Rhine-Westphalia",
    "Rheinland-Pfalz",
    "Rhineland-Palatinate",
    "Saarland",
    "Sachsen",
    "Saxony",
    "Saxe",
    "Saška",
    "Saksonija",
    "Sachsen-Anhalt",
    "Saxony-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
    "Thuringia",
    "Thuringe",
    "Tiringija",
    "Turingija",
    "Burgenland",
    "Kärnten",
    "Carinthia",
    "Carinthie",
    "Niederösterreich",
    "Lower Austria",
    "Oberösterreich",
    "Upper Austria",
    "Steiermark",
    "Styria",
    "Styrie",
    "Tirol",
    "Tyrol",
    "Vorarlberg",
  ].map(nameKey),
);

/** Words for a municipality: they may end a name ("Stari Grad") but never start one ("Grad Beograd"). */
const GENERIC_PLACE_WORDS = stems(
  "grad mesto mestna mestne občina općina opština opčina obcina град општина city town village municipality ville commune stadt gemeinde republika republic république republik република",
);

/** Words next to a place name that say it is one: "općina Gradac", "ville de Suresnes". */
const PLACE_WORDS = stems(
  "opština općina občina grad mesto mestna ville commune town city village municipality gemeinde stadt град општина село selo naselje " +
    "opštine općine občine gradovi gradova mest mesta gradovima towns cities villages municipalities villes communes gemeinden städte städten orte градови градовите општини",
);

/** Capitalised only because a sentence starts with them: function words and common openers. */
const SENTENCE_OPENERS: Readonly<Record<NewsLanguage, Set<string>>> = {
  sl: keys(
    "v na ob po pri z s za od do iz in ta to te tudi danes včeraj ker ko kot že pa so je bil bila bo ki da med nato prav letos lani tako zato sicer",
  ),
  sr: keys(
    "u na o po pri sa s za od do iz i a ta to te taj ovaj ova ovo danas juče jučer kada kao već su je bio bila će koji da tokom nakon prema takođe tako ovom " +
      "у на о по при са с за од до из и а та то те тај овај ова ово данас јуче када као већ су је био била ће који да током након према такође тако овом",
  ),
  hr: keys(
    "u na o po pri sa s za od do iz i a ta to te taj ovaj ova ovo danas jučer kada kao već su je bio bila će koji da tijekom nakon prema također tako ovom",
  ),
  bs: keys(
    "u na o po pri sa s za od do iz i a ta to te taj ovaj ova ovo danas jučer juče kada kao već su je bio bila će koji da tokom nakon prema također tako ovom",
  ),
  mk: keys(
    "во на о по при со за од до и а таа тоа тие овој оваа ова денес вчера кога како веќе се е беше ќе кој дека според исто така",
  ),
  fr: keys(
    "le la les l un une des de du en à au aux et il elle ils elles ce cette ces c ainsi depuis après avant pour par sur lors aujourd hier",
  ),
  de: keys(
    "der die das den dem des ein eine einen einem im in am an auf aus bei mit nach seit von vor zu zum zur und es er sie wir heute gestern dabei damit auch dort hier da für doch dann nun jetzt so wie wo was als",
  ),
  en: keys(
    "the a an in on at of for from to and this that these those it he she they we today yesterday last after before during since with by as also",
  ),
};

const FUNCTION_WORDS = new Set(Object.values(SENTENCE_OPENERS).flatMap((words) => [...words]));

/** A function word of any of the languages is no place name alone ("Die", "Une", "Он"), only within one ("Le Havre"). */
function isFunctionWord(key: string): boolean {
  return FUNCTION_WORDS.has(key);
}

function keys(words: string): Set<string> {
  return new Set(words.split(/\s+/).map(nameKey));
}

function stems(words: string): Set<string> {
  return new Set(words.split(/\s+/).map(nameStem));
}

/** A word as a mention uses it: hyphenated parts joined ("Saint-Étienne"), elisions and 's cut off. */
interface Token {
  start: number;
  end: number;
  text: string;
  key: string;
  stem: string;
  capitalised: boolean;
  joiner: boolean;
  /** a name may continue with it but not start with it */
  generic: boolean;
  /** a Slavic adjective of a place name ("Sremska", "Slovenske"): a name does not start after it */
  modifier: boolean;
}

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const UPPER_FIRST = /^\p{Lu}/u;
const ELISION = /^(?:[dlDL]|qu|Qu)['’](?=\p{Lu})/u;
const POSSESSIVE = /['’]s$/u;
/** "Sremska", "Slovenske", "Bosanski", "Murske": adjectives that begin two-word place names. */
const MODIFIER = /(?:sk|šk|čk|ck|ćk|ск|шк|чк|цк)(?:i|a|o|e|og|oj|em|ega|ih|imi|im|ой|и|а|о|е|ог|ој)$/iu;
/** Toponym adjectives that are not -ski: "Novi Sad", "Stari Grad", "Istočno Sarajevo". */
const MODIFIER_STEMS = stems(
  "novi stari istočno zapadno sjeverno severno južno gornji donji mali veliki sveti srpsko bosanski nova novo stara staro velika mala gornja donja " +
    "источно ново нови стари east west north south new old upper lower",
);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let start = match.index;
    let word = match[0];
    const elision = ELISION.exec(word);
    if (elision) {
      start += elision[0].length;
      word = word.slice(elision[0].length);
    }
    word = word.replace(POSSESSIVE, "");
    const key = nameKey(word);
    const stem = nameStem(word);
    tokens.push({
      start,
      end: start + word.length,
      text: word,
      key,
      stem,
      capitalised: UPPER_FIRST.test(word) && !NOT_PLACE.has(stem) && !NOT_PLACE.has(key),
      joiner: JOINERS.has(word),
      generic: GENERIC_PLACE_WORDS.has(stem),
      modifier: MODIFIER.test(word) || MODIFIER_STEMS.has(stem),
    });
  }
  dropHeadlineCapitals(tokens);
  return tokens;
}

/** Words in a run of upper-case words are a headline, not names: "ПОТПИСИВАЊЕ СПОРАЗУМА О САРАДЊИ". */
function dropHeadlineCapitals(tokens: Token[]): void {
  const shouting = tokens.map((token) => token.text === token.text.toUpperCase());
  const word = tokens.map((token, i) => shouting[i] && token.text.length > 1);
  tokens.forEach((token, i) => {
    const inHeadline =
      (word[i] && (shouting[i - 1] || shouting[i + 1])) || (shouting[i] && (word[i - 1] || word[i + 1]));
    if (inHeadline) token.capitalised = false;
  });
}

/** The text between two words holds only spaces: the words belong to one name. */
function adjacent(text: string, left: Token, right: Token): boolean {
  return /^[ \t\u00a0]+$/.test(text.slice(left.end, right.start));
}

function sentenceInitial(text: string, token: Token): boolean {
  const before = text.slice(Math.max(0, token.start - 12), token.start).replace(/[\s"'„“”«»‘’(\-–—]+$/u, "");
  return before === "" || /[.!?:;\n]$/.test(before);
}

/**
 * Stretches of text that may name a place: runs of one to four capitalised words with lower-case
 * joiners inside, and every shorter run within them (the linker keeps the longest that names a
 * place). Sentence-initial function words and words for roles, bodies and months are left out.
 */
export function findPlaceMentions(text: string, language: NewsLanguage | "und"): PlaceMention[] {
  const tokens = tokenize(text);
  const openers = language === "und" ? Object.values(SENTENCE_OPENERS) : [SENTENCE_OPENERS[language]];
  const usable = tokens.map(
    (token) =>
      token.capitalised && !(sentenceInitial(text, token) && openers.some((words) => words.has(token.key))),
  );
  const mentions: PlaceMention[] = [];
  const seen = new Set<string>();
  for (const run of runs(text, tokens, usable)) {
    for (let first = 0; first < run.length; first++) {
      const head = run[first];
      if (head.joiner || head.generic) continue;
      if (first > 0 && run[first - 1].modifier && !run[first - 1].joiner) continue;
      for (let last = first; last < run.length && last - first < MAX_WORDS + 2; last++) {
        const words = run.slice(first, last + 1);
        if (run[last].joiner || words.filter((word) => !word.joiner).length > MAX_WORDS) continue;
        const lone =
          first === last &&
          (head.text.length === 1 || isFunctionWord(head.key) || MODIFIER_STEMS.has(head.stem));
        if (lone) continue;
        const span = `${head.start}:${run[last].end}`;
        if (seen.has(span)) continue;
        seen.add(span);
        mentions.push(mention(text, words, language));
      }
    }
  }
  return mentions.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Maximal runs of usable capitalised words, joiners between them allowed. */
function runs(text: string, tokens: Token[], usable: boolean[]): Token[][] {
  const found: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    while (run.length > 0 && run[run.length - 1].joiner) run.pop();
    if (run.length > 0) found.push(run);
    run = [];
  };
  tokens.forEach((token, i) => {
    const previous = run[run.length - 1];
    const joined = previous !== undefined && adjacent(text, previous, token);
    if (usable[i]) {
      if (!joined) close();
      run.push(token);
    } else if (token.joiner && joined && !(previous.joiner && run[run.length - 2]?.joiner)) {
      // at most two joiners in a row: "Brandenburg an der Havel", "Saint-Jean de la Ruelle"
      run.push(token);
    } else {
      close();
    }
  });
  close();
  return found;
}

/** A word's extra stems for endings the kit's stemmer lacks (Slovene -imi: "Slovenskimi Konjicami"). */
function wordStems(token: Token): string[] {
  const variants = [token.stem];
  if (token.key.endsWith("imi") && token.key.length > 6) variants.push(nameStem(token.key.slice(0, -3)));
  return variants;
}

/**
 * Mentions from texts in languages that do not decline place names: their stems may only find
 * places of former Yugoslavia, whose own case forms such texts borrow.
 */
const HOME_STEMS_ONLY = new WeakSet<PlaceMention>();

/** Languages whose texts decline place names: their stems may find any place. */
const DECLINING = new Set<NewsLanguage | "und">(["sl", "sr", "hr", "bs", "mk", "und"]);

/**
 * The forms a mention is looked up by: its nameKey first, then its nameStem (in declining
 * languages also the stems with the extra endings above); German adds the genitive without -s.
 */
function mention(text: string, words: Token[], language: NewsLanguage | "und"): PlaceMention {
  const start = words[0].start;
  const end = words[words.length - 1].end;
  const quote = text.slice(start, end);
  const forms = new Set([nameKey(quote)]);
  if (DECLINING.has(language)) {
    forms.add(nameStem(quote));
    let combined = [""];
    for (const word of words) {
      const variants = word.joiner ? [word.key] : wordStems(word);
      combined = combined.flatMap((prefix) =>
        variants.map((variant) => (prefix ? `${prefix} ${variant}` : variant)),
      );
    }
    for (const form of combined) forms.add(form);
  } else {
    // texts in other languages name former Yugoslavia's towns in their own forms ("Tompojevac" for Tompojevci)
    forms.add(nameStem(quote));
  }
  if (language === "de" && words.length === 1 && words[0].key.endsWith("s") && words[0].key.length > 4) {
    forms.add(words[0].key.slice(0, -1));
  }
  for (const form of [...forms, nameStem(quote)]) {
    const named = exonymKey(form);
    if (named) forms.add(named);
  }
  forms.delete("");
  const found = { start, end, text: quote, keys: [...forms] };
  if (!DECLINING.has(language)) HOME_STEMS_ONLY.add(found);
  return found;
}

interface Scored {
  mention: PlaceMention;
  /** every place the mention's forms found, graph first */
  found: Found[];
  /** those plausible for this mention */
  candidates: PlaceCandidate[];
}

/** A candidate and whether the mention's own key found it (not only a stem: "Kranj", not "Kranju"). */
interface Found {
  candidate: PlaceCandidate;
  exact: boolean;
}

/**
 * Links mentions to places with one resolver call (and, when the resolver knows partnerships, one
 * more): mentions without a candidate are dropped, of overlapping ones the longest with candidates
 * wins, namesakes are settled (a single place, a country named nearby, an existing partnership with
 * another place the text names, the distance to places linked unambiguously, a far larger namesake)
 * or reported ambiguous.
 */
export async function linkPlaces(
  text: string,
  mentions: readonly PlaceMention[],
  countries: readonly CountryMention[],
  resolver: PlaceResolver,
): Promise<LinkedPlace[]> {
  const found = await resolver.candidates([...new Set(mentions.flatMap((mention) => mention.keys))]);
  const namedCountries = new Set(countries.map((country) => country.countryCode));
  // a name the text once calls a municipality is one wherever it recurs ("opština Srbobran"... "Srbobran")
  const placeNames = new Set(
    mentions.filter((mention) => nextToPlaceWord(text, mention)).map((mention) => nameStem(mention.text)),
  );
  const scored: Scored[] = [];
  for (const mention of mentions) {
    if (countries.some((country) => overlaps(country, mention))) continue;
    if (REGION_KEYS.has(mention.keys[0])) continue;
    const placeWord = placeNames.has(nameStem(mention.text));
    const all = candidatesOf(mention, found);
    const candidates = plausible(text, mention, all, namedCountries, placeWord);
    if (candidates.length > 0) scored.push({ mention, found: all, candidates });
  }
  const chosen = admitNamesakes(longestFirst(scored));
  const partners = await partnersAmong(chosen, resolver);

  const decided = new Map<Scored, LinkedPlace>();
  for (const entry of chosen) {
    const linked = settleByNameOrCountry(entry, countries) ?? settleByPartnership(entry, chosen, partners);
    if (linked) decided.set(entry, linked);
  }
  const anchors = [...decided.values()].flatMap((linked) => (linked.kind === "linked" ? [linked.place] : []));
  const places = chosen.map((entry) => decided.get(entry) ?? settleByDistanceOrSize(entry, anchors));
  return places.filter((place) => coherent(place, places, namedCountries));
}

function identityOf(candidate: PlaceCandidate): string {
  return (
    candidate.cityId ??
    (candidate.geonameId !== null
      ? `geonames:${candidate.geonameId}`
      : `${candidate.countryCode}:${candidate.name}`)
  );
}

/**
 * A namesake the text makes plausible once is plausible wherever the name recurs: "opština Priboj"
 * admits the small Priboj of Serbia, so "Pribojem" may mean it too, not only the larger Priboj of
 * Bosnia that its size alone let through. Each mention keeps to the places its own forms found.
 */
function admitNamesakes(chosen: Scored[]): Scored[] {
  const admitted = new Set(chosen.flatMap((entry) => entry.candidates.map(identityOf)));
  return chosen.map((entry) => ({
    ...entry,
    candidates: entry.found
      .map(({ candidate }) => candidate)
      .filter((candidate) => admitted.has(identityOf(candidate))),
  }));
}

/**
 * The graph cities among the mentions' candidates that are partners of a candidate of another
 * mention, asked in one call: only for mentions with namesakes in the graph, since a partnership
 * can only choose among those. Partner ids by city id.
 */
async function partnersAmong(chosen: Scored[], resolver: PlaceResolver): Promise<Map<string, Set<string>>> {
  const partners = new Map<string, Set<string>>();
  if (!resolver.partnerships) return partners;
  const graphIds = chosen.map(
    (entry) => new Set(entry.candidates.flatMap((candidate) => (candidate.cityId ? [candidate.cityId] : []))),
  );
  const pairs = new Map<string, [string, string]>();
  chosen.forEach((entry, n) => {
    if (distinctPlaces(entry.candidates).length < 2) return;
    for (const city of graphIds[n]) {
      graphIds.forEach((others, m) => {
        if (m === n) return;
        for (const other of others) {
          if (graphIds[n].has(other)) continue;
          pairs.set([city, other].sort().join("|"), [city, other]);
        }
      });
    }
  });
  if (pairs.size === 0) return partners;
  const existing = await resolver.partnerships([...pairs.values()]);
  for (const key of existing.keys()) {
    const [a, b] = key.split("|");
    partners.set(a, (partners.get(a) ?? new Set()).add(b));
    partners.set(b, (partners.get(b) ?? new Set()).add(a));
  }
  return partners;
}

/** The one namesake already partnered with a place another mention may mean: twinning news names partners. */
function settleByPartnership(
  entry: Scored,
  chosen: readonly Scored[],
  partners: ReadonlyMap<string, ReadonlySet<string>>,
): LinkedPlace | undefined {
  if (partners.size === 0) return undefined;
  const others = new Set(
    chosen.flatMap((other) =>
      other === entry
        ? []
        : other.candidates.flatMap((candidate) => (candidate.cityId ? [candidate.cityId] : [])),
    ),
  );
  const partnered = distinctPlaces(entry.candidates).filter((place) =>
    [...(partners.get(place.cityId ?? "") ?? [])].some((partner) => others.has(partner)),
  );
  return partnered.length === 1 ? linked(entry.mention, partnered[0], "partnership") : undefined;
}

/**
 * A small GeoNames-only place far from every other place the text links, in a country it does not
 * name, is a word that happens to be a place name somewhere ("Mary" in Turkmenistan).
 */
function coherent(place: LinkedPlace, places: LinkedPlace[], namedCountries: ReadonlySet<string>): boolean {
  if (place.kind !== "linked" || place.place.cityId !== null) return true;
  if ((place.place.population ?? 0) >= CITY_POPULATION || namedCountries.has(place.place.countryCode))
    return true;
  const others = places.flatMap((other) => (other.kind === "linked" && other !== place ? [other.place] : []));
  if (others.length === 0) return true;
  return others.some(
    (other) => other.countryCode === place.place.countryCode || kmBetween(other, place.place) <= NEAR_KM,
  );
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function candidatesOf(mention: PlaceMention, found: Map<string, PlaceCandidate[]>): Found[] {
  const byIdentity = new Map<string, Found>();
  mention.keys.forEach((key, n) => {
    for (const candidate of found.get(key) ?? []) {
      const identity = identityOf(candidate);
      if (n === 0 && stemCollision(key, candidate)) continue;
      if (!byIdentity.has(identity)) byIdentity.set(identity, { candidate, exact: n === 0 });
    }
  });
  // the graph's cities first, then the larger places
  return [...byIdentity.values()].sort(
    (a, b) =>
      Number(a.candidate.cityId === null) - Number(b.candidate.cityId === null) ||
      (b.candidate.population ?? 0) - (a.candidate.population ?? 0),
  );
}

/**
 * The mention's own form is only the stem of the place's name, shorter than any case form of it:
 * "Now" is not Nowe, "Тим" not Time or Ţimā (name indexes answer stems too, so being found is not
 * enough). Inflected mentions ("Kranju") are looked up by their own stem, which this leaves alone.
 */
function stemCollision(key: string, candidate: PlaceCandidate): boolean {
  return nameKey(candidate.name) !== key && nameStem(candidate.name) === key;
}

/** Former Yugoslavia: the texts in declining languages name its small places in any case form. */
const HOME_COUNTRIES = new Set(["SI", "HR", "BA", "RS", "ME", "MK", "XK"]);
/** A GeoNames place this large is known well enough to be named in any case form or next to a name. */
const WELL_KNOWN_POPULATION = 50_000;
const CITY_POPULATION = 100_000;

/**
 * Which gazetteer places a mention may mean. The graph's cities always; GeoNames-only places of
 * 1,000 people or more (any size next to a place word, "občina Gorje", in former Yugoslavia or a
 * country the text names), and besides: a form found
 * only by its stem ("Villacha") must name a place of former Yugoslavia, a well-known one, or one
 * in a country the text names; a word in its name form next to another capitalised word or after a
 * role word ("Mayor Mallory", "Milan Đurić") is part of a person's name (a place's genitive there,
 * "gradonačelnik Kranja Matjaž Rakovec", is not).
 */
function plausible(
  text: string,
  mention: PlaceMention,
  found: Found[],
  namedCountries: ReadonlySet<string>,
  placeWord: boolean,
): PlaceCandidate[] {
  const oneWord = !/\s/.test(mention.text);
  if (oneWord && afterArticle(text, mention) && !placeWord) return [];
  const nameLike = oneWord && (afterRoleWord(text, mention) || besideCapitalised(text, mention));
  if (oneWord && !placeWord && opensTwoWordName(text, mention)) return [];
  return found
    .filter(({ candidate, exact }) => {
      const inGraph = candidate.cityId !== null;
      const population = candidate.population ?? 0;
      const known = namedCountries.has(candidate.countryCode);
      // a place word admits hamlets too, but only where the text is about: hamlets are everywhere;
      // and it does not let a text in a language without cases find a far place by a stem ("Njemac", Niemcza)
      const stemAbroad = !exact && HOME_STEMS_ONLY.has(mention) && !HOME_COUNTRIES.has(candidate.countryCode);
      if (placeWord && !stemAbroad && (HOME_COUNTRIES.has(candidate.countryCode) || known || inGraph))
        return true;
      // the graph's places need no size (many have none), but their many names collide with words as GeoNames' do
      if (!inGraph && population < MIN_GEONAMES_POPULATION) return false;
      const home = HOME_COUNTRIES.has(candidate.countryCode);
      if (
        !exact &&
        !(home || known || (population >= WELL_KNOWN_POPULATION && !HOME_STEMS_ONLY.has(mention)))
      ) {
        return false;
      }
      // a genitive beside a name is a place ("gradonačelnik Kranja Matjaž"); languages without cases have none
      return !(nameLike && !placeWord && (exact || HOME_STEMS_ONLY.has(mention)));
    })
    .map(({ candidate }) => candidate);
}

/**
 * Lower-case articles right before a capitalised word make it a common noun in German and English
 * ("ein Treffen", "zu Gast", "den Baum", "im Jahr", "the Mall"); place names go without ("in Altenburg").
 */
const ARTICLE_BEFORE =
  /(?<![\p{L}\p{M}])(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|im|zum|zur|vom|beim|ins|zu|the|a|an)[ \t\u00a0]+$/u;

function afterArticle(text: string, mention: PlaceMention): boolean {
  return ARTICLE_BEFORE.test(text.slice(Math.max(0, mention.start - 12), mention.start));
}

const OF_WORDS = new Set(["de", "of", "von", "du", "d", "iz", "from", "aus"]);
/** A list of names before a mention: "Gemeinden Punat, Malinska, Baška, Dobrinj, Omišalj und Vrbnik". */
const LIST_BEFORE =
  /([\p{L}\p{M}]+):?\s+(?:(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){0,3}\p{Lu}[\p{L}\p{M}'’-]*\s*(?:,\s*|\s+(?:und|i|in|and|et|ve|и)\s+))*$/u;

/** A place word right before the mention, or before a list it ends, or right after it. */
function nextToPlaceWord(text: string, mention: PlaceMention): boolean {
  const before = text.slice(Math.max(0, mention.start - 160), mention.start);
  const words = [...before.matchAll(WORD)].map((match) => match[0]);
  let previous = words.pop();
  if (previous && OF_WORDS.has(previous.toLowerCase())) previous = words.pop();
  // German capitalises the place word, so the list's match may begin a word early ("den Gemeinden Punat, ...")
  const list = LIST_BEFORE.exec(before)?.[0].match(WORD)?.slice(0, 2) ?? [];
  const next = text.slice(mention.end, mention.end + 40).match(WORD)?.[0];
  return [previous, ...list, next].some((word) => word !== undefined && PLACE_WORDS.has(nameStem(word)));
}

const ROLE_WORDS = stems(
  "župan županja podžupan gradonačelnik gradonačelnica predsjednik predsednik ministar minister ambasador veleposlanik градоначелник председник министар амбасадор mayor president minister ambassador maire président ministre ambassadeur bürgermeister bürgermeisterin präsident botschafter gospod gospa g ga gospodin gospođa mr mrs ms m mme herr frau",
);

function afterRoleWord(text: string, mention: PlaceMention): boolean {
  const windowStart = Math.max(0, mention.start - 30);
  const previous = [...text.slice(windowStart, mention.start).matchAll(WORD)].pop();
  if (!previous || !ROLE_WORDS.has(nameStem(previous[0]))) return false;
  return /^[\s.]+$/.test(text.slice(windowStart + previous.index + previous[0].length, mention.start));
}

/** Another capitalised word (not a role or body) right before or after, with only a space between. */
function besideCapitalised(text: string, mention: PlaceMention): boolean {
  const before = /(\p{Lu}[\p{L}\p{M}]*)[ \t\u00a0]+$/u.exec(
    text.slice(Math.max(0, mention.start - 30), mention.start),
  );
  const after = /^[ \t\u00a0]+(\p{Lu}[\p{L}\p{M}]*)/u.exec(text.slice(mention.end, mention.end + 30));
  return [before?.[1], after?.[1]].some((word) => word !== undefined && nameWord(word));
}

/** A word that may stand next to a name without being part of it: a role, a body, a place word. */
function nameWord(word: string): boolean {
  const stem = nameStem(word);
  return !NOT_PLACE.has(stem) && !GENERIC_PLACE_WORDS.has(stem) && !isFunctionWord(nameKey(word));
}

/**
 * The mention is the first of exactly two capitalised words: a first name and a surname, in any case
 * form ("Fabrizio Vizintin", "Fabrizia Vizintina"). A place's genitive before a name opens three
 * ("Kranja Matjaž Rakovec"), and a name word before the mention makes it a surname (left to the
 * rule above).
 */
function opensTwoWordName(text: string, mention: PlaceMention): boolean {
  const before = /(\p{Lu}[\p{L}\p{M}]*)[ \t\u00a0]+$/u.exec(
    text.slice(Math.max(0, mention.start - 30), mention.start),
  );
  if (before && nameWord(before[1])) return false;
  const after = /^[ \t\u00a0]+(\p{Lu}[\p{L}\p{M}'’-]*)([ \t\u00a0]+\p{Lu})?/u.exec(
    text.slice(mention.end, mention.end + 60),
  );
  return after !== null && after[2] === undefined && nameWord(after[1]) && !UPPER_WORD.test(after[1]);
}

/** A word in capitals is an abbreviation or a headline, not a surname. */
const UPPER_WORD = /^\p{Lu}+$/u;

/** Of overlapping mentions the longest wins; the winners in text order. */
function longestFirst(scored: Scored[]): Scored[] {
  const chosen: Scored[] = [];
  const byLength = [...scored].sort(
    (a, b) =>
      b.mention.end - b.mention.start - (a.mention.end - a.mention.start) ||
      a.mention.start - b.mention.start,
  );
  for (const entry of byLength) {
    if (!chosen.some((other) => overlaps(other.mention, entry.mention))) chosen.push(entry);
  }
  return chosen.sort((a, b) => a.mention.start - b.mention.start);
}

/** Candidates within SAME_PLACE_KM of each other in one country are one place: the first kept. */
function distinctPlaces(candidates: PlaceCandidate[]): PlaceCandidate[] {
  const places: PlaceCandidate[] = [];
  for (const candidate of candidates) {
    const same = places.some(
      (place) => place.countryCode === candidate.countryCode && kmBetween(place, candidate) <= SAME_PLACE_KM,
    );
    if (!same) places.push(candidate);
  }
  return places;
}

function kmBetween(a: PlaceCandidate, b: PlaceCandidate): number {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) {
    return Number.POSITIVE_INFINITY;
  }
  return greatCircleKm(
    { latitude: a.latitude, longitude: a.longitude },
    { latitude: b.latitude, longitude: b.longitude },
  );
}

function linked(mention: PlaceMention, place: PlaceCandidate, how: keyof typeof CONFIDENCE): LinkedPlace {
  const confidence = CONFIDENCE[how] - (place.cityId === null ? GEONAMES_ONLY_PENALTY : 0);
  return { kind: "linked", mention, place, confidence: Math.round(confidence * 100) / 100, how };
}

function settleByNameOrCountry(entry: Scored, countries: readonly CountryMention[]): LinkedPlace | undefined {
  const places = distinctPlaces(entry.candidates);
  if (places.length === 1) return linked(entry.mention, places[0], "single");
  const named = new Set(
    countries
      .filter(
        (country) =>
          country.end >= entry.mention.start - COUNTRY_WINDOW &&
          country.start <= entry.mention.end + COUNTRY_WINDOW,
      )
      .map((country) => country.countryCode),
  );
  const inNamedCountry = places.filter((place) => named.has(place.countryCode));
  if (inNamedCountry.length === 1) return linked(entry.mention, inNamedCountry[0], "country");
  return undefined;
}

function settleByDistanceOrSize(entry: Scored, anchors: PlaceCandidate[]): LinkedPlace {
  const places = distinctPlaces(entry.candidates);
  const nearest = places
    .map((place) => ({ place, km: Math.min(...anchors.map((anchor) => kmBetween(place, anchor))) }))
    .filter((candidate) => candidate.km <= NEAR_KM)
    .sort((a, b) => a.km - b.km);
  const near = (place: PlaceCandidate) => {
    const found = nearest.find((candidate) => candidate.place === place);
    return found !== undefined && found.km <= OWN_NAME_DISTANCE * nearest[0].km + SAME_PLACE_KM;
  };
  // one namesake written as the text writes it, the others reached only through the stem ("Vranje"
  // is Vranje, not Vranj), unless another lies far nearer the text's other places
  const asWritten = new Set(
    entry.found.filter(({ exact }) => exact).map(({ candidate }) => identityOf(candidate)),
  );
  const written = places.filter((place) => asWritten.has(identityOf(place)));
  if (written.length === 1 && written.length < places.length && nearest.length > 0 && near(written[0]))
    return linked(entry.mention, written[0], "distance");
  // one namesake called so by its own name, the others only by alternate names ("Pittsburg" also
  // "Pittsburgh"), unless another lies far nearer the text's other places ("Sainte-Luce" beside
  // Nuremberg is Sainte-Luce-sur-Loire, not the Sainte-Luce of Martinique; "Devin" beside Trieste is
  // Duino, whose Slovene name it is, not the Devin of Bulgaria, though both lie within NEAR_KM)
  const byOwnName = places.filter((place) => nameStem(place.name) === nameStem(entry.mention.text));
  if (byOwnName.length === 1 && (nearest.length === 0 || near(byOwnName[0])))
    return linked(entry.mention, byOwnName[0], "single");
  if (nearest.length > 0) return linked(entry.mention, nearest[0].place, "distance");
  const largest = places.reduce((best, place) =>
    (place.population ?? 0) > (best.population ?? 0) ? place : best,
  );
  const dominant = places.every(
    (place) =>
      place === largest ||
      (largest.population ?? 0) >= DOMINANT_POPULATION * Math.max(place.population ?? 0, 1),
  );
  if (dominant) return linked(entry.mention, largest, "population");
  return { kind: "ambiguous", mention: entry.mention, candidates: places };
}
