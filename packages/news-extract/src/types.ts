// The shapes every step of news extraction shares: spans into the stored text, detected language,
// dates, places, relations and people.
import type { PlaceCandidate } from "@twingraph/kit/text";

export type { PlaceCandidate };

/** A half-open range of UTF-16 offsets into the stored text: text.slice(start, end) is the quote. */
export interface Span {
  start: number;
  end: number;
}

export type NewsLanguage = "sl" | "sr" | "hr" | "bs" | "mk" | "fr" | "de" | "en";
export type NewsScript = "Latn" | "Cyrl";

export interface DetectedLanguage {
  language: NewsLanguage | "und";
  script: NewsScript;
  /** BCP 47 as stored on the item: "sl", "sr-Cyrl", "sr-Latn", "mk", "hr", "bs", "fr", "de", "en"
   *  (Serbian always carries its script; others only when unusual) */
  tag: string;
  confidence: number; // 0..1
}

export interface DateMention extends Span {
  text: string;
  /** ISO 8601, as precise as the text: "2021-09-29", "2016-02", "2016" */
  date: string;
  /** "včeraj", "yesterday", "December 12" (year from the publication date) */
  relative: boolean;
}

/** A stretch of text that may name a place: "Banjaluke", "Novog Sada", "Битола". */
export interface PlaceMention extends Span {
  text: string;
  /** nameKey(text) and nameStem(text) (kit /text), the forms candidates are looked up by */
  keys: string[];
}

/** Where candidates come from: the graph's cities first, then the gazetteer. Implemented by G1 (databases) and G2 (internal routes). */
export interface PlaceResolver {
  /** for each key asked, the places whose name (any form the graph or gazetteer knows) has that key */
  candidates(keys: readonly string[]): Promise<Map<string, PlaceCandidate[]>>;
  /**
   * Optional (PlanLookups has it): the existing partnerships joining pairs of graph cities, by the
   * sorted pair key "a|b". Linking asks it once per text, to prefer the namesake that is already a
   * partner of another place the text names.
   */
  partnerships?(pairs: readonly [string, string][]): Promise<Map<string, string>>;
}

export type LinkedPlace =
  | {
      kind: "linked";
      mention: PlaceMention;
      place: PlaceCandidate;
      confidence: number;
      how: "single" | "country" | "partnership" | "distance" | "population";
    }
  | { kind: "ambiguous"; mention: PlaceMention; candidates: PlaceCandidate[] };

export interface CountryMention extends Span {
  text: string;
  countryCode: string;
}

export type RelationKind =
  | "TWINNING_CHARTER" // charter of twinning / povelja o bratimljenju / listina o pobratenju / charte de jumelage signed
  | "FRIENDSHIP_CHARTER" // listina prijateljstva / povelja o prijateljstvu / charte d'amitié
  | "COOPERATION_AGREEMENT" // sporazum/dogovor/sporazum o saradnji/sodelovanju, accord de coopération
  | "MEMORANDUM" // memorandum (of understanding), continuing an existing partnership
  | "VISIT" // a delegation visits a host town
  | "PLANNED_TWINNING" // a twinning announced/planned, not yet signed
  | "NONE"; // no partnership relation in the text

export interface NewsPerson extends Span {
  name: string;
  /** as written, normalised to English where known: "mayor", "deputy mayor", "ambassador"... */
  role: string | null;
  /** the place they represent, when the text says */
  cityId: string | null;
  /** the passage that names them (a sentence or clause), for review */
  passage: Span;
}

export interface ExtractedRelation {
  kind: RelationKind;
  /** the sentence or clause that states it */
  span: Span;
  confidence: number;
  /** the graph/gazetteer places it joins, in text order (cityId or `geonames:<id>` for a proposal) */
  placeIds: string[];
  /** VISIT only */
  hostId: string | null;
  visitorIds: string[];
  /** the event's date (not the publication date), with its span */
  date: DateMention | null;
  people: NewsPerson[];
}

export interface NewsInput {
  /** the stored text (main text of a page, a feed entry's text, or plain text) */
  text: string;
  title?: string | null;
  url?: string | null;
  /** the publication date when known (YYYY-MM-DD) */
  publishedOn?: string | null;
  /** a language tag the caller insists on; else detected */
  language?: string | null;
}

export interface Extraction {
  text: string;
  title: string;
  language: DetectedLanguage;
  publishedOn: string | null;
  dates: DateMention[];
  countries: CountryMention[];
  places: LinkedPlace[];
  relations: ExtractedRelation[]; // the main relation first; may be [] or [{kind:"NONE"...}]
  people: NewsPerson[];
}
