// The partnership relations a news text states: a twinning or friendship charter, a cooperation
// agreement, a memorandum renewing a partnership, a visit, a planned twinning. Keyword stems per
// language find the words of each sentence; the sentence's words decide the kind and how sure we
// are; the strongest statement is the main relation. An empty list means the text states none.
import { eventDate } from "./dates";
import { linkedPlaces, placeId, sentenceSpans } from "./people";
import type {
  DateMention,
  ExtractedRelation,
  LinkedPlace,
  NewsLanguage,
  NewsPerson,
  RelationKind,
  Span,
} from "./types";

type Linked = ReturnType<typeof linkedPlaces>[number];

/** The rest of a word, in any script. */
const L = "\\p{L}*";

/** Whole-word (at least at the start), case-insensitive patterns over every language. */
function words(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{M}])(?:${alternatives.join("|")})(?![\\p{L}\\p{M}])`, "giu");
}

/** Twinning itself: pobratenje, bratimljenje, побратими, збратимување, jumelage, Städtepartnerschaft, twin town. */
const TWIN = words(
  `pobrat${L}`,
  `bratim${L}`,
  `zbratim${L}`,
  `побратим${L}`,
  `братим${L}`,
  `збратим${L}`,
  `bratsk${L}\\s+(?:grad|mest|opštin|općin|občin)${L}`,
  `братск${L}\\s+(?:град|општин)${L}`,
  `jumel${L}`,
  `\\p{L}*partnerschaft${L}`,
  `partnerst(?:adt|ädte)${L}`,
  `partnergemeinde${L}`,
  `twin(?:ning|ned|s)?(?:\\s+(?:town|city|cities|towns))?`,
  `sister[-\\s]+(?:city|cities|town|towns)`,
  `partnersk${L}\\s+(?:mest|grad|občin|opštin|općin)${L}`,
  `partner\\s+(?:city|cities|town|towns)`,
  `villes?\\s+partenaires?`,
);

/** Friendship between towns: listina prijateljstva, povelja o prijateljstvu, Freundschaftsvertrag. */
const FRIEND = words(
  `prijateljstv${L}`,
  `пријатељств${L}`,
  `пријателств${L}`,
  `amitié`,
  `\\p{L}*freundschaft${L}`,
  `friendship`,
  `(?:grad|mest|občin|opštin|općin)${L}\\s+prijatelj${L}`,
  `prijateljsk${L}\\s+(?:grad|mest|občin|opštin|općin)${L}`,
  `пријателск${L}\\s+град${L}`,
  `friend(?:ly)?\\s+(?:city|cities|town|towns)`,
  `villes?\\s+amies?`,
);

/** Friends who come from a town: "naše prijatelje iz Košica", "die Freunde aus Brandenburg". */
const FRIENDS_FROM = words(
  `prijatelj${L}\\s+(?:iz|od)`,
  `пријатељ${L}\\s+(?:из|од)`,
  `пријател${L}\\s+(?:од|из)`,
  `friends\\s+from`,
  `amis\\s+(?:de|d['’])`,
  `freunde\\s+aus`,
);

const COOPERATION = words(
  `sodelovanj${L}`,
  `saradnj${L}`,
  `suradnj${L}`,
  `сарадњ${L}`,
  `соработк${L}`,
  `coopération${L}`,
  `\\p{L}*zusammenarbeit`,
  `kooperation${L}`,
  `co-?operation`,
  `collaboration`,
  `partenariat${L}`,
  `partnership`,
);

type DocumentType = "charter" | "agreement" | "memorandum" | "generic";

/** Documents signed between towns, by type; German compounds end in the document's word. */
const DOCUMENTS: { type: DocumentType; regex: RegExp }[] = [
  { type: "memorandum", regex: words(`memorand${L}`, `меморандум${L}`) },
  {
    type: "charter",
    regex: words(
      `povelj${L}`,
      `listin${L}`,
      `повељ${L}`,
      `повелб${L}`,
      `chartes?`,
      `charters?`,
      `\\p{L}*urkunde`,
      `pactes?`,
      `pacts?`,
      `contrats?`,
    ),
  },
  {
    type: "agreement",
    regex: words(
      `sporazum${L}`,
      `dogovor${L}`,
      `споразум${L}`,
      `договор${L}`,
      `accords?`,
      `conventions?`,
      `\\p{L}*vereinbarung(?:en)?`,
      `\\p{L}*abkommens?`,
      `\\p{L}*verträge?`,
      `\\p{L}*vertrag(?:s|es)?`,
      `agreements?`,
      `pogodb${L}`,
      `protokol${L}`,
      `протокол${L}`,
      `protocoles?`,
      `protocols?`,
      `pism${L}\\s+(?:o\\s+)?name(?:ri|re|ra)`,
      `pism${L}\\s+namjer${L}`,
      `letters?\\s+of\\s+intent`,
      `lettres?\\s+d['’]intention`,
      `absichtserklärung${L}`,
    ),
  },
  {
    type: "generic",
    regex: words(`dokument${L}`, `документ${L}`, `documents?`, `akt(?:a|u|om|ot)?`, `акт(?:а|у|ом|от)?`),
  },
];

/** Signing in the past (or as a done deed: "potpisan", "signed", "besiegelt"). */
const SIGNED = words(
  `podpisal${L}`,
  `podpisan${L}`,
  `potpisal${L}`,
  `potpisan${L}`,
  `потписал${L}`,
  `потписан${L}`,
  `потпиша${L}`,
  `потпишан${L}`,
  `signé${L}`,
  `signed`,
  `re-?signed`,
  `unterzeichnet${L}`,
  `unterschrieben`,
  `besiegelt`,
  `scellé${L}`,
  `sealed`,
  `sklenil${L}`,
  `sklenjen${L}`,
  `sklopil${L}`,
  `sklopljen${L}`,
  `zaključil${L}`,
  `abgeschlossen`,
  `concluded`,
  `conclu${L}`,
  `побратимил${L}`,
  `pobratil${L}`,
  `pobratimil${L}`,
  `збратими(?:ја|а|ле|ла|л)`,
  `potvrdil${L}\\s+(?:su|je)`,
);

/** Signing without tense: the noun, the present, the infinitive ("podpis", "potpisuju", "sceller"). */
const SIGNING = words(
  `podpis${L}`,
  `podpiš${L}`,
  `potpis${L}`,
  `potpiš${L}`,
  `потпис${L}`,
  `потпиш${L}`,
  `sign(?:e|es|ing|ature|atures|er|ent|ons)?`,
  `signat${L}`,
  `unterzeichn${L}`,
  `unterschrift${L}`,
  `scell${L}`,
  `seal(?:s|ing)?`,
  `beurkund${L}`,
);

/** Signing to come: "potpisaće", "signeront", "will sign". */
const WILL_SIGN = words(
  `potpisa(?:će|ćemo|ćete|ću)`,
  `потписаће${L}`,
  `sign(?:era|eront|erons)`,
  `will\\s+sign`,
  `to\\s+be\\s+signed`,
);

/** Words that put a sentence in the future or in planning. */
const FUTURE = words(
  `bo`,
  `bodo`,
  `bosta`,
  `bomo`,
  `predvidoma`,
  `će`,
  `ćemo`,
  `ће`,
  `ћемо`,
  `ќе`,
  `uskoro`,
  `ускоро`,
  `naknadno`,
  `will`,
  `shall`,
  `wird`,
  `werden`,
  `soll`,
  `sollen`,
  `sera`,
  `seront`,
  `va`,
  `vont`,
  `да\\s+(?:го\\s+|ја\\s+)?потпиш${L}`,
);

const PLAN = words(
  `plan${L}`,
  `планир${L}`,
  `geplant${L}`,
  `namer${L}`,
  `namjer${L}`,
  `намер${L}`,
  `inicijativ${L}`,
  `iniciativ${L}`,
  `иницијатив${L}`,
  `initiatives?`,
  `pobud${L}`,
  `predlog${L}`,
  `prijedlog${L}`,
  `предлог${L}`,
  `proposals?`,
  `propos${L}`,
  `vorschl${L}`,
  `ovlast${L}`,
  `овласт${L}`,
  `pooblast${L}`,
  `authori[sz]${L}`,
  `autoris${L}`,
  `ermächtig${L}`,
  `postup${L}`,
  `postop${L}`,
  `постап${L}`,
  `procedur${L}`,
  `procédure${L}`,
  `proces${L}`,
  `процес${L}`,
  `process${L}`,
  `bodoč${L}`,
  `buduć${L}`,
  `будућ${L}`,
  `идн${L}`,
  `futur${L}`,
  `zukünftig${L}`,
  `künftig${L}`,
  `envisag${L}`,
  `intend${L}`,
  `intention${L}`,
  `absicht${L}`,
  `beschl${L}`,
);

/** A renewal: what was signed before is signed again ("obnoviti", "re-signed", "reconduction"). */
const RENEWAL = words(
  `obnov${L}`,
  `обнов${L}`,
  `reaffirm${L}`,
  `réaffirm${L}`,
  `re-?sign${L}`,
  `reconduction${L}`,
  `reconduire`,
  `renouvel${L}`,
  `renew${L}`,
  `extends?`,
  `prolong${L}`,
  `produž${L}`,
  `продуж${L}`,
  `erneuer${L}`,
  `bekräftig${L}`,
  `verlänger${L}`,
);

/** A preliminary document: it "paves the way" to a twinning that is not yet agreed. */
const PAVES_THE_WAY = words(
  `weg\\s+(?:\\p{L}+\\s+){0,4}?ebnen`,
  `pave${L}\\s+the\\s+way`,
  `ouvr${L}\\s+la\\s+voie`,
  `utr${L}\\s+put`,
);

const VISIT = words(
  `obisk${L}`,
  `sprejel${L}`,
  `sprejem${L}`,
  `gost${L}`,
  `poset${L}`,
  `posjet${L}`,
  `borav${L}`,
  `prijem${L}`,
  `prijam${L}`,
  `primanj${L}`,
  `primi(?:o|la|li|lo)`,
  `ugost${L}`,
  `doček${L}`,
  `domaćin${L}`,
  `посет${L}`,
  `посјет${L}`,
  `борав${L}`,
  `пријем${L}`,
  `прием${L}`,
  `прими(?:о|ла|ли|ја)?`,
  `гост${L}`,
  `угост${L}`,
  `домаћин${L}`,
  `домаќин${L}`,
  `присуствува${L}`,
  `visit${L}`,
  `reçu${L}`,
  `accueil${L}`,
  `réception${L}`,
  `venue`,
  `invités?`,
  `hôtes?`,
  `besuch${L}`,
  `zu\\s+gast`,
  `gäste${L}`,
  `empf(?:ang|ing)${L}`,
  `begrüßt${L}`,
  `angereist`,
  `guests?`,
  `hosted`,
  `hosts?`,
  `welcomed`,
  `received`,
  `reception`,
  `toured`,
  `hospitality`,
  `meeting`,
  `sastan${L}`,
  `srečanj${L}`,
  `susret${L}`,
  `сусрет${L}`,
  `средб${L}`,
  `rencontr${L}`,
  `treffen`,
);

const DELEGATION = words(
  `delegacij${L}`,
  `делегациј${L}`,
  `делегаци${L}`,
  `délégation${L}`,
  `delegation${L}`,
  `delegat(?:es?|ion)`,
  `izaslanstv${L}`,
  `изасланств${L}`,
  `abordnung${L}`,
  `civic\\s+party`,
);

interface Found extends Span {
  kind: RelationKind;
  /** how strongly the words state it, before places and old dates are taken into account */
  strength: number;
  /** a document named with its own topic, or a twinning stated outright: a relation of its own */
  specific: boolean;
}

/** Ties between equally strong statements: a renewal names the old charter it renews, and so on. */
const KIND_ORDER: RelationKind[] = [
  "MEMORANDUM",
  "TWINNING_CHARTER",
  "FRIENDSHIP_CHARTER",
  "COOPERATION_AGREEMENT",
  "PLANNED_TWINNING",
  "VISIT",
  "NONE",
];

/** Confidence from the words alone: a signed document, a document to be signed, a visit, a guess. */
const SIGNED_DOCUMENT = 0.9;
const PLANNED_DOCUMENT = 0.87;
const SIGNING_DOCUMENT = 0.85;
const VISIT_STATED = 0.8;
const DOCUMENT_ONLY = 0.7;
const PLANNED_ONLY = 0.6;
const GUESS = 0.5;
/** A statement dated years before the publication is history told as background. */
const BACKGROUND = 0.6;
/** Fewer than two places linked: the relation joins nothing we know yet. */
const FEW_PLACES = 0.8;
/** Other relations than the main one are reported when at least this sure. */
const SECONDARY = 0.8;

function has(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  return regex.test(text);
}

function matchesIn(regex: RegExp, text: string, offset: number): Span[] {
  return [...text.matchAll(regex)].map((match) => ({
    start: offset + match.index,
    end: offset + match.index + match[0].length,
  }));
}

/** Future words this close before a past participle make it future: "ће бити следеће недеље потписана". */
const FUTURE_REACH = 40;

/** A signing told as done, not one a future word puts ahead ("bo podpisana", "will be signed"). */
function signedBefore(sentence: string): boolean {
  const futures = matchesIn(FUTURE, sentence, 0);
  return matchesIn(SIGNED, sentence, 0).some(
    (signed) =>
      !futures.some((future) => future.end <= signed.start && signed.start - future.end <= FUTURE_REACH),
  );
}

/** The topic a document's own phrase names: "Povelja o suradnji i prijateljstvu" is about friendship. */
function topicOf(phrase: string): RelationKind | null {
  if (has(TWIN, phrase)) return "TWINNING_CHARTER";
  if (has(FRIEND, phrase)) return "FRIENDSHIP_CHARTER";
  if (has(COOPERATION, phrase)) return "COOPERATION_AGREEMENT";
  return null;
}

/** The document's phrase: three words before it (English and German put the topic first), six after. */
function phraseAround(text: string, sentence: Span, document: Span): string {
  const before = text.slice(sentence.start, document.start).split(/\s+/).slice(-3).join(" ");
  const after = text.slice(document.end, sentence.end).split(/\s+/).slice(0, 7).join(" ");
  return `${before} ${text.slice(document.start, document.end)} ${after}`;
}

interface DocumentStatement {
  kind: RelationKind;
  specific: boolean;
}

/**
 * What each sentence states, in text order. A document without its own topic ("the document was
 * signed") is the last one named, or failing that takes the text's strongest topic as a guess.
 */
function statements(text: string, sentences: readonly Span[]): Found[] {
  const found: Found[] = [];
  const textTopic = topicOf(text) ?? "COOPERATION_AGREEMENT";
  const delegationNamed = has(DELEGATION, text);
  const partnershipNamed = has(TWIN, text) || has(FRIEND, text) || has(FRIENDS_FROM, text);
  let lastDocument: DocumentStatement | null = null;
  sentences.forEach((sentence, index) => {
    const words = text.slice(sentence.start, sentence.end);
    const signed = signedBefore(words);
    const signing = signed || has(SIGNING, words) || has(WILL_SIGN, words);
    const future = has(WILL_SIGN, words) || has(FUTURE, words);
    const planned = !signed && (future || has(PLAN, words));
    const renewal = has(RENEWAL, words);
    const twin = has(TWIN, words);
    const delegation = has(DELEGATION, words);
    const at = (kind: RelationKind, strength: number, specific: boolean) =>
      found.push({ ...sentence, kind, strength, specific });

    for (const { type, regex } of DOCUMENTS) {
      for (const document of matchesIn(regex, words, sentence.start)) {
        const topic = topicOf(phraseAround(text, sentence, document));
        const statement: DocumentStatement = topic
          ? { kind: topic, specific: true }
          : type === "memorandum"
            ? { kind: "MEMORANDUM", specific: true }
            : (lastDocument ?? { kind: textTopic, specific: false });
        if (statement.specific) lastDocument = statement;
        const partnership = statement.kind === "TWINNING_CHARTER" || statement.kind === "FRIENDSHIP_CHARTER";
        if (renewal && signing && (partnership || type !== "agreement")) {
          at("MEMORANDUM", SIGNED_DOCUMENT, true);
        } else if (type === "memorandum") {
          at("MEMORANDUM", signed ? SIGNED_DOCUMENT : signing ? SIGNING_DOCUMENT : DOCUMENT_ONLY, true);
        } else if (partnership && type === "agreement" && has(PAVES_THE_WAY, words)) {
          at("COOPERATION_AGREEMENT", signing ? SIGNED_DOCUMENT : DOCUMENT_ONLY, true);
        } else if (partnership && planned && (signing || has(PLAN, words))) {
          at("PLANNED_TWINNING", PLANNED_DOCUMENT, statement.specific);
        } else if (!statement.specific) {
          at(statement.kind, DOCUMENT_ONLY, false);
        } else {
          const strength = signed ? SIGNED_DOCUMENT : signing ? SIGNING_DOCUMENT : DOCUMENT_ONLY;
          at(statement.kind, strength, topic !== null);
        }
      }
    }
    const documented = found.some((f) => f.start === sentence.start);
    if (!documented && renewal && signing && partnershipNamed) {
      // a renewal signed without naming its document: "z novim podpisom … obnoviti"
      at("MEMORANDUM", SIGNED_DOCUMENT, true);
    } else if (!documented && twin && signing) {
      if (planned) at("PLANNED_TWINNING", PLANNED_DOCUMENT, true);
      else at("TWINNING_CHARTER", SIGNING_DOCUMENT, true);
    } else if (twin && (future || has(PLAN, words))) {
      at("PLANNED_TWINNING", PLANNED_ONLY, false);
    }
    if (delegation || has(VISIT, words)) {
      const near = sentences.slice(Math.max(0, index - 1), index + 2);
      const cooperation = near.some((s) => has(COOPERATION, text.slice(s.start, s.end)));
      if (delegationNamed || partnershipNamed || cooperation) at("VISIT", VISIT_STATED, false);
    }
  });
  if (found.length === 0) {
    const partnership = sentences.find((sentence) => has(TWIN, text.slice(sentence.start, sentence.end)));
    if (partnership) found.push({ ...partnership, kind: "VISIT", strength: GUESS, specific: false });
  }
  return found;
}

/** Dated years before publication (or before the latest year the text gives): background, not news. */
function isBackground(span: Span, dates: readonly DateMention[], publishedOn: string | null): boolean {
  const years = dates.map((date) => Number(date.date.slice(0, 4)));
  const now = publishedOn ? Number(publishedOn.slice(0, 4)) : Math.max(0, ...years);
  const inSpan = dates.filter((date) => date.start >= span.start && date.end <= span.end && !date.relative);
  return inSpan.length > 0 && inSpan.every((date) => Number(date.date.slice(0, 4)) < now - 1);
}

function rank(found: Found, dates: readonly DateMention[], publishedOn: string | null): number {
  return found.strength * (isBackground(found, dates, publishedOn) ? BACKGROUND : 1);
}

/**
 * The relations a text states, the main one first (the strongest; a signed charter outranks a visit
 * told in the same text), then other statements of its kind that join further places and other
 * kinds stated firmly. `[]` when the text states no partnership relation (kind NONE).
 */
export function findRelations(
  text: string,
  _language: NewsLanguage | "und",
  places: LinkedPlace[],
  dates: DateMention[],
  people: NewsPerson[],
  publishedOn: string | null,
): ExtractedRelation[] {
  const sentences = sentenceSpans(text);
  const linked = linkedPlaces(places).filter((place) => !nearOnly(text, place));
  const ranked = statements(text, sentences)
    .map((found) => ({ found, score: rank(found, dates, publishedOn) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        KIND_ORDER.indexOf(a.found.kind) - KIND_ORDER.indexOf(b.found.kind) ||
        a.found.start - b.found.start,
    );
  if (ranked.length === 0) return [];
  const main = ranked[0].found.kind;
  const relations: ExtractedRelation[] = [];
  const kinds = new Set<RelationKind>();
  for (const { found, score } of ranked) {
    const first = !kinds.has(found.kind);
    // a further statement of the main kind stands alone: its own sentence's places, no neighbours
    const relation = relationOf(text, sentences, found, score, linked, dates, people, publishedOn, first);
    const sameKindNewPlaces =
      found.kind === main &&
      found.kind !== "VISIT" &&
      found.specific &&
      relation.placeIds.some((id) => !relations.some((r) => r.kind === main && r.placeIds.includes(id)));
    const firm = first && score >= SECONDARY;
    if (relations.length === 0 || sameKindNewPlaces || firm) {
      relations.push(relation);
      kinds.add(found.kind);
    }
  }
  return relations;
}

function relationOf(
  text: string,
  sentences: readonly Span[],
  found: Found,
  score: number,
  linked: readonly Linked[],
  dates: readonly DateMention[],
  people: readonly NewsPerson[],
  publishedOn: string | null,
  widen: boolean,
): ExtractedRelation {
  const span: Span = { start: found.start, end: found.end };
  const region = widen ? placeRegion(sentences, span, linked) : span;
  let placeIds = idsIn(linked, region);
  let hostId: string | null = null;
  let visitorIds: string[] = [];
  if (found.kind === "VISIT") {
    const sides = visitSides(text, linked, region);
    hostId = sides.hostId;
    visitorIds = sides.visitorIds;
    placeIds = unique([...(hostId ? [hostId] : []), ...visitorIds, ...placeIds]).sort(
      (a, b) => firstOffset(linked, a) - firstOffset(linked, b),
    );
  }
  return {
    kind: found.kind,
    span,
    confidence: round(score * (placeIds.length < 2 ? FEW_PLACES : 1)),
    placeIds,
    hostId,
    visitorIds,
    date: eventDate(dates, publishedOn, span),
    people: relationPeople(people, span, placeIds, widen),
  };
}

/**
 * The people a relation names: those in its sentence. A headline ("Београд и Бањалука потписали
 * Повељу") names nobody, and the story names the mayors further on: the main relation then takes
 * the people who represent its places, else every person the text gives a role.
 */
function relationPeople(
  people: readonly NewsPerson[],
  span: Span,
  placeIds: readonly string[],
  main: boolean,
): NewsPerson[] {
  const inSpan = people.filter(
    (person) => person.passage.start < span.end && span.start < person.passage.end,
  );
  if (inSpan.length > 0 || !main) return inSpan;
  const ofPlaces = people.filter((person) => person.cityId !== null && placeIds.includes(person.cityId));
  return ofPlaces.length > 0 ? ofPlaces : people.filter((person) => person.role !== null);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function firstOffset(linked: readonly Linked[], id: string): number {
  return linked.find((place) => placeId(place.place) === id)?.mention.start ?? Number.POSITIVE_INFINITY;
}

/** The sentence, widened to its neighbours (the one before first) until two places are in it. */
function placeRegion(sentences: readonly Span[], span: Span, linked: readonly Linked[]): Span {
  const index = sentences.findIndex((sentence) => sentence.start === span.start);
  let region = { ...span };
  const count = () => idsIn(linked, region).length;
  if (count() < 2 && index > 0) region = { start: sentences[index - 1].start, end: region.end };
  if (count() < 2 && index >= 0 && index + 1 < sentences.length) {
    region = { start: region.start, end: sentences[index + 1].end };
  }
  return region;
}

/**
 * A place named only to say where another is ("située à proximité de Nuremberg", "near Dayton",
 * "in der Nähe von Köln", "u blizini Beograda"): no side of a relation.
 */
const NEAR_BEFORE =
  /(?:(?<![\p{L}\p{M}])(?:near|close\s+to|à\s+proximité\s+de|près\s+de|non\s+loin\s+de|in\s+der\s+nähe\s+von|nahe|unweit\s+von|blizu|nedaleč\s+od|v\s+bližini|u\s+blizini|у\s+близини|близу|во\s+близина\s+на))\s+(?:d['’])?$/iu;

function nearOnly(text: string, place: Linked): boolean {
  return NEAR_BEFORE.test(text.slice(Math.max(0, place.mention.start - 30), place.mention.start));
}

function idsIn(linked: readonly Linked[], region: Span): string[] {
  return unique(
    linked
      .filter((place) => place.mention.start >= region.start && place.mention.end <= region.end)
      .map((place) => placeId(place.place))
      .filter((id): id is string => id !== null),
  );
}

/** Where a delegation goes: "u poseti opštini Inđija", "v obisku v Kranju", "visited X", "zu Besuch in X". */
const HOST_CUE = words(
  `(?:na|v)\\s+obisk${L}\\s+(?:v|na|pri)`,
  `obiskal${L}`,
  `gostoval${L}\\s+v`,
  `v\\s+pobratenem\\s+mestu`,
  `u\\s+(?:radn${L}\\s+|službe${L}\\s+|zvanič${L}\\s+)?pos(?:j)?et${L}`,
  `pos(?:j)?etil${L}`,
  `у\\s+(?:радн${L}\\s+|званичн${L}\\s+)?посј?ет${L}`,
  `посј?етил${L}`,
  `(?:во\\s+)?посета\\s+на`,
  `en\\s+visite\\s+(?:à|a|au)`,
  `visite\\s+(?:à|au)`,
  `s['’]est\\s+rendu${L}\\s+à`,
  `zu\\s+(?:besuch|gast)\\s+in`,
  `besucht${L}`,
  `besuch\\s+in`,
  `visit(?:ed|ing)?(?:\\s+to)?`,
  `toured(?:\\s+sister\\s+city)?`,
  `hosted\\s+by`,
  `guests\\s+of`,
  `trip\\s+to`,
);

/** Who comes: "delegacija (iz) Villacha", "delegation from X", "délégation de X", "колегите од X". */
const VISITOR_CUE = words(
  `(?:delegacij|делегациј|délégation|delegation|izaslanstv|изасланств|abordnung)${L}(?:\\s+(?:iz|od|from|de|d['’]|aus|из|од|der|of|the|du|des|la|na|на))*`,
  `(?:gost${L}|гост${L}|guests|visitors|invités|colleagues|колег${L}|koleg${L}|kolleg${L})\\s+(?:iz|from|de|aus|из|од)`,
  `(?:prijatelj${L}|пријатељ${L}|пријател${L})\\s+(?:iz|od|из|од)`,
  `friends\\s+from`,
  `freunde\\s+aus`,
);

/** A delegation named by its town first: "Alnwick’s civic party", "the Saitama delegation". */
const VISITOR_AFTER =
  /^(?:['’]s)?\s+(?:civic\s+party|delegation|délégation|delegacij\p{L}*|делегациј\p{L}*)/iu;

/** Words that may stand between a cue and the place: "u poseti opštini Inđija", "delegation of the town of". */
const PLACE_QUALIFIER =
  /^(?:\s+|,|:|\s*(?:mestn\p{L}*|občin\p{L}*|opštin\p{L}*|općin\p{L}*|grad\p{L}*|општин\p{L}*|град\p{L}*|stadt|gemeinde|ville|commune|city|town|municipality|of|the|de|la|du|d['’]|der|iz|od|из|од|na|на|mest|pobratenega|pobratimsk\p{L}*|побратимск\p{L}*|partnerskih|prijateljskih|in|njemačk\p{L}*|sister)(?=\s|,|:))+/iu;

/** Between the items of a list of towns: "Istočno Novo Sarajevo, Lukavac, … in Vranje". */
const LIST_ITEM = /^(?:\s*,\s*|\s+(?:and|in|i|и|et|und|ter|te|as\s+well\s+as)\s+)/u;

function visitSides(
  text: string,
  linked: readonly Linked[],
  region: Span,
): { hostId: string | null; visitorIds: string[] } {
  const skipQualifier = (offset: number) =>
    offset + (PLACE_QUALIFIER.exec(text.slice(offset, offset + 80))?.[0].length ?? 0);
  const placeAt = (offset: number): Linked | undefined =>
    linked.find((place) => place.mention.start >= offset && place.mention.start <= offset + 1);
  const visitors: string[] = [];
  for (const cue of matchesIn(VISITOR_CUE, text, 0)) {
    // a list of capitalised items, each a town when linked ("delegacije iz mest: A, B, C in D")
    let at = skipQualifier(cue.end);
    for (;;) {
      const item =
        /^\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|degli|di|del|de|na|am|an|sur|upon)\b)*/u.exec(
          text.slice(at, at + 80),
        );
      if (!item) break;
      const place = placeAt(at);
      const id = place ? placeId(place.place) : null;
      if (id) visitors.push(id);
      const list = LIST_ITEM.exec(text.slice(at + item[0].length));
      if (!list) break;
      at += item[0].length + list[0].length;
    }
  }
  for (const place of linked) {
    const id = placeId(place.place);
    if (id && VISITOR_AFTER.test(text.slice(place.mention.end, place.mention.end + 30))) visitors.push(id);
  }
  let hostId: string | null = null;
  for (const cue of matchesIn(HOST_CUE, text, 0)) {
    const place = placeAt(skipQualifier(cue.end));
    const id = place ? placeId(place.place) : null;
    if (id && !visitors.includes(id)) {
      hostId = id;
      break;
    }
  }
  const notVisitor = (id: string | null): id is string => id !== null && !visitors.includes(id);
  hostId ??=
    idsIn(linked, region).find(notVisitor) ??
    linked.map((place) => placeId(place.place)).find(notVisitor) ??
    null;
  const visitorIds =
    visitors.length > 0 ? unique(visitors) : idsIn(linked, region).filter((id) => id !== hostId);
  return { hostId, visitorIds: visitorIds.filter((id) => id !== hostId) };
}
