// The shape of the source-derived seed: one record per fact-bearing thing in ../shared/sources,
// each with the passages that state it. Ids are stable and readable; dates are ISO 8601 at the
// precision the source gives ("2008", "2022-09", "2016-02-25"). What a source does not say is
// left out (undefined), never guessed.

export type PartnershipKind = "TWINNING" | "FRIENDSHIP" | "COOPERATION" | "DECENTRALISED_COOPERATION";
export type PartnershipStatus = "ACTIVE" | "DORMANT" | "REVIVED" | "ENDED" | "UNKNOWN";
export type AgreementKind =
  | "PROTOCOL"
  | "TWINNING_CHARTER"
  | "COOPERATION_AGREEMENT"
  | "COOPERATION_PROGRAMME"
  | "ACTION_PLAN"
  | "DECLARATION"
  | "MEMORANDUM";
export type PartyKind =
  | "MUNICIPALITY"
  | "CITY_GOVERNMENT"
  | "NATIONAL_GOVERNMENT"
  | "EMBASSY"
  | "ASSOCIATION"
  | "AGENCY"
  | "OTHER";
export type PartnerRole = "LEAD" | "PARTNER" | "ASSOCIATED" | "PARTICIPANT";

/** Where a fact comes from: the document's file name and the passage, verbatim, in its language. */
export interface SeedSource {
  document: string;
  quote: string;
  url?: string;
  publishedOn?: string;
  /** BCP 47: "sl", "sr-Latn", "fr" */
  language: string;
}

export interface SeedCityName {
  name: string;
  language?: string;
}

export interface SeedCity {
  /** "<iso2 lower>-<slug of English name>", e.g. "at-villach", "rs-sremska-mitrovica" */
  id: string;
  /** common English name */
  name: string;
  /** in the place's own language and script, where it differs from `name` */
  localName?: string;
  /** ISO 3166-1 alpha-2, upper case */
  countryCode: string;
  /** names as the sources write them (nominative), exonyms: Beljak (sl) for Villach */
  aliases: SeedCityName[];
  sources: SeedSource[];
}

export interface SeedPartnership {
  id: string;
  /** only for multilateral partnerships that carry a name of their own */
  name?: string;
  kind: PartnershipKind;
  status: PartnershipStatus;
  cityIds: string[];
  /** how many places take part as stated, when more than are named */
  memberCount?: number;
  since?: string;
  until?: string;
  sources: SeedSource[];
}

export interface SeedParty {
  name: string;
  kind: PartyKind;
  cityId?: string;
  countryCode?: string;
}

export interface SeedSignatory {
  name: string;
  role?: string;
  /** the party's name as in `parties` */
  party?: string;
}

export interface SeedAgreement {
  id: string;
  title: string;
  kind: AgreementKind;
  partnershipId?: string;
  parties: SeedParty[];
  signatories: SeedSignatory[];
  signedOn?: string;
  signedAtCityId?: string;
  validFrom?: string;
  validUntil?: string;
  renewal?: string;
  basedOnId?: string;
  areas: string[];
  /** BCP 47 codes of the authentic texts */
  languages: string[];
  sources: SeedSource[];
}

export interface SeedMoney {
  amount: number;
  /** ISO 4217 */
  currency: string;
}

export interface SeedProgramme {
  id: string;
  name: string;
  funder?: string;
  funds: string[];
  countryCodes: string[];
  sources: SeedSource[];
}

export interface SeedProjectPartner {
  name: string;
  role: PartnerRole;
  cityId?: string;
  countryCode?: string;
}

export interface SeedProject {
  id: string;
  acronym?: string;
  title: string;
  programmeId?: string;
  funds: string[];
  totalBudget?: SeedMoney;
  euContribution?: SeedMoney;
  start?: string;
  end?: string;
  partners: SeedProjectPartner[];
  cityIds: string[];
  participantCount?: number;
  objectives: string[];
  results: string[];
  sources: SeedSource[];
}

export interface SeedPerson {
  name: string;
  role?: string;
  organisation?: string;
  cityId?: string;
}

export interface SeedNewsItem {
  id: string;
  title: string;
  summary?: string;
  publishedOn?: string;
  language: string;
  publisher?: string;
  url?: string;
  cityIds: string[];
  projectIds: string[];
  sources: SeedSource[];
}

export interface SeedVisit {
  id: string;
  date: string;
  hostCityId: string;
  visitorCityIds: string[];
  delegation: SeedPerson[];
  hosts: SeedPerson[];
  purpose?: string;
  outcomes: string[];
  newsItemId?: string;
  sources: SeedSource[];
}

export interface SeedEvent {
  id: string;
  title: string;
  date?: string;
  placeCityId?: string;
  planned: boolean;
  cityIds: string[];
  description?: string;
  projectId?: string;
  agreementId?: string;
  sources: SeedSource[];
}

/** Everything one source document contributes. */
export interface SourceBundle {
  document: string;
  cities: SeedCity[];
  partnerships: SeedPartnership[];
  agreements: SeedAgreement[];
  programmes: SeedProgramme[];
  projects: SeedProject[];
  news: SeedNewsItem[];
  visits: SeedVisit[];
  events: SeedEvent[];
}
