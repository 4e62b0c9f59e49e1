// The widget's words in each language it speaks; English is the fallback. Kept short: a widget
// label, not a sentence. Status words agree with the word for "status" in each language, so they
// read right after it ("Stanje: dejavno", "Статус: активан").
import type { PartnershipKind, PartnershipStatus } from "./partners-model";

export const UI_LANGUAGES = ["en", "sl", "sr", "sr-Latn", "fr", "de"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Plural forms by CLDR category; "other" is required, the rest where the language has them. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface UiStrings {
  partnerships: string;
  loading: string;
  empty: string;
  noCity: string;
  /** {city}: the id asked for */
  unknownCity: string;
  error: string;
  retry: string;
  /** {count} */
  partnerCount: PluralForms;
  mapLabel: string;
  mapCredit: string;
  /** {year} */
  sinceYear: string;
  /** {year} */
  untilYear: string;
  kind: string;
  status: string;
  since: string;
  until: string;
  members: string;
  latestVisit: string;
  host: string;
  purpose: string;
  projects: string;
  /** when the visits could not be asked (a subgraph was down) */
  visitsUnavailable: string;
  /** when the projects could not be asked */
  projectsUnavailable: string;
  sources: string;
  kinds: Record<PartnershipKind, string>;
  statuses: Record<PartnershipStatus, string>;
}

// French puts a narrow no-break space before a colon
const NNBSP = "\u202f";

export const UI_STRINGS: Record<UiLanguage, UiStrings> = {
  en: {
    partnerships: "Partnerships",
    loading: "Loading partnerships…",
    empty: "No partnerships known.",
    noCity: "No city given.",
    unknownCity: "Unknown city: {city}",
    error: "Could not load the partnerships.",
    retry: "Retry",
    partnerCount: { one: "{count} partner", other: "{count} partners" },
    mapLabel: "Map of partners",
    mapCredit: "Map data: Natural Earth",
    sinceYear: "since {year}",
    untilYear: "until {year}",
    kind: "Kind",
    status: "Status",
    since: "Since",
    until: "Until",
    members: "Members",
    latestVisit: "Latest visit",
    host: "Host",
    purpose: "Purpose",
    projects: "Projects",
    visitsUnavailable: "Visits unavailable at the moment.",
    projectsUnavailable: "Projects unavailable at the moment.",
    sources: "Sources",
    kinds: {
      TWINNING: "Twinning",
      FRIENDSHIP: "Friendship",
      COOPERATION: "Cooperation",
      DECENTRALISED_COOPERATION: "Decentralised cooperation",
    },
    statuses: {
      ACTIVE: "active",
      DORMANT: "dormant",
      REVIVED: "revived",
      ENDED: "ended",
      UNKNOWN: "unknown",
    },
  },
  sl: {
    partnerships: "Partnerstva",
    loading: "Nalaganje partnerstev …",
    empty: "Ni znanih partnerstev.",
    noCity: "Mesto ni podano.",
    unknownCity: "Neznano mesto: {city}",
    error: "Partnerstev ni bilo mogoče naložiti.",
    retry: "Poskusi znova",
    partnerCount: {
      one: "{count} partner",
      two: "{count} partnerja",
      few: "{count} partnerji",
      other: "{count} partnerjev",
    },
    mapLabel: "Zemljevid partnerjev",
    mapCredit: "Podatki zemljevida: Natural Earth",
    sinceYear: "od {year}",
    untilYear: "do {year}",
    kind: "Vrsta",
    status: "Stanje",
    since: "Od",
    until: "Do",
    members: "Člani",
    latestVisit: "Zadnji obisk",
    host: "Gostitelj",
    purpose: "Namen",
    projects: "Projekti",
    visitsUnavailable: "Obiski trenutno niso na voljo.",
    projectsUnavailable: "Projekti trenutno niso na voljo.",
    sources: "Viri",
    kinds: {
      TWINNING: "Pobratenje",
      FRIENDSHIP: "Prijateljstvo",
      COOPERATION: "Sodelovanje",
      DECENTRALISED_COOPERATION: "Decentralizirano sodelovanje",
    },
    statuses: {
      ACTIVE: "dejavno",
      DORMANT: "mirujoče",
      REVIVED: "obnovljeno",
      ENDED: "končano",
      UNKNOWN: "neznano",
    },
  },
  sr: {
    partnerships: "Партнерства",
    loading: "Учитавање партнерстава…",
    empty: "Нема познатих партнерстава.",
    noCity: "Град није наведен.",
    unknownCity: "Непознат град: {city}",
    error: "Партнерства није могуће учитати.",
    retry: "Покушај поново",
    partnerCount: { one: "{count} партнер", few: "{count} партнера", other: "{count} партнера" },
    mapLabel: "Мапа партнера",
    mapCredit: "Подаци мапе: Natural Earth",
    sinceYear: "од {year}",
    untilYear: "до {year}",
    kind: "Врста",
    status: "Статус",
    since: "Од",
    until: "До",
    members: "Чланови",
    latestVisit: "Последња посета",
    host: "Домаћин",
    purpose: "Сврха",
    projects: "Пројекти",
    visitsUnavailable: "Посете тренутно нису доступне.",
    projectsUnavailable: "Пројекти тренутно нису доступни.",
    sources: "Извори",
    kinds: {
      TWINNING: "Братимљење",
      FRIENDSHIP: "Пријатељство",
      COOPERATION: "Сарадња",
      DECENTRALISED_COOPERATION: "Децентрализована сарадња",
    },
    statuses: {
      ACTIVE: "активан",
      DORMANT: "у мировању",
      REVIVED: "обновљен",
      ENDED: "окончан",
      UNKNOWN: "непознат",
    },
  },
  "sr-Latn": {
    partnerships: "Partnerstva",
    loading: "Učitavanje partnerstava…",
    empty: "Nema poznatih partnerstava.",
    noCity: "Grad nije naveden.",
    unknownCity: "Nepoznat grad: {city}",
    error: "Partnerstva nije moguće učitati.",
    retry: "Pokušaj ponovo",
    partnerCount: { one: "{count} partner", few: "{count} partnera", other: "{count} partnera" },
    mapLabel: "Mapa partnera",
    mapCredit: "Podaci mape: Natural Earth",
    sinceYear: "od {year}",
    untilYear: "do {year}",
    kind: "Vrsta",
    status: "Status",
    since: "Od",
    until: "Do",
    members: "Članovi",
    latestVisit: "Poslednja poseta",
    host: "Domaćin",
    purpose: "Svrha",
    projects: "Projekti",
    visitsUnavailable: "Posete trenutno nisu dostupne.",
    projectsUnavailable: "Projekti trenutno nisu dostupni.",
    sources: "Izvori",
    kinds: {
      TWINNING: "Bratimljenje",
      FRIENDSHIP: "Prijateljstvo",
      COOPERATION: "Saradnja",
      DECENTRALISED_COOPERATION: "Decentralizovana saradnja",
    },
    statuses: {
      ACTIVE: "aktivan",
      DORMANT: "u mirovanju",
      REVIVED: "obnovljen",
      ENDED: "okončan",
      UNKNOWN: "nepoznat",
    },
  },
  fr: {
    partnerships: "Partenariats",
    loading: "Chargement des partenariats…",
    empty: "Aucun partenariat connu.",
    noCity: "Aucune ville indiquée.",
    unknownCity: `Ville inconnue${NNBSP}: {city}`,
    error: "Impossible de charger les partenariats.",
    retry: "Réessayer",
    partnerCount: { one: "{count} partenaire", many: "{count} partenaires", other: "{count} partenaires" },
    mapLabel: "Carte des partenaires",
    mapCredit: `Données cartographiques${NNBSP}: Natural Earth`,
    sinceYear: "depuis {year}",
    untilYear: "jusqu’en {year}",
    kind: "Type",
    status: "Statut",
    since: "Début",
    until: "Fin",
    members: "Membres",
    latestVisit: "Dernière visite",
    host: "Hôte",
    purpose: "Objet",
    projects: "Projets",
    visitsUnavailable: "Visites indisponibles pour le moment.",
    projectsUnavailable: "Projets indisponibles pour le moment.",
    sources: "Sources",
    kinds: {
      TWINNING: "Jumelage",
      FRIENDSHIP: "Amitié",
      COOPERATION: "Coopération",
      DECENTRALISED_COOPERATION: "Coopération décentralisée",
    },
    statuses: {
      ACTIVE: "actif",
      DORMANT: "en sommeil",
      REVIVED: "relancé",
      ENDED: "terminé",
      UNKNOWN: "inconnu",
    },
  },
  de: {
    partnerships: "Partnerschaften",
    loading: "Partnerschaften werden geladen …",
    empty: "Keine Partnerschaften bekannt.",
    noCity: "Keine Stadt angegeben.",
    unknownCity: "Unbekannte Stadt: {city}",
    error: "Die Partnerschaften konnten nicht geladen werden.",
    retry: "Erneut versuchen",
    partnerCount: { one: "{count} Partner", other: "{count} Partner" },
    mapLabel: "Karte der Partner",
    mapCredit: "Kartendaten: Natural Earth",
    sinceYear: "seit {year}",
    untilYear: "bis {year}",
    kind: "Art",
    status: "Status",
    since: "Seit",
    until: "Bis",
    members: "Mitglieder",
    latestVisit: "Letzter Besuch",
    host: "Gastgeber",
    purpose: "Zweck",
    projects: "Projekte",
    visitsUnavailable: "Besuche derzeit nicht verfügbar.",
    projectsUnavailable: "Projekte derzeit nicht verfügbar.",
    sources: "Quellen",
    kinds: {
      TWINNING: "Städtepartnerschaft",
      FRIENDSHIP: "Freundschaft",
      COOPERATION: "Zusammenarbeit",
      DECENTRALISED_COOPERATION: "Dezentrale Zusammenarbeit",
    },
    statuses: {
      ACTIVE: "aktiv",
      DORMANT: "ruhend",
      REVIVED: "wiederbelebt",
      ENDED: "beendet",
      UNKNOWN: "unbekannt",
    },
  },
};

/** Replaces each {name} in a template with its value. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** "2 partnerja": the plural form the language's rules choose for the count. */
export function countPartners(language: UiLanguage, count: number): string {
  const forms = UI_STRINGS[language].partnerCount;
  const category = new Intl.PluralRules(language).select(count);
  const formatted = new Intl.NumberFormat(language).format(count);
  return fill(forms[category] ?? forms.other, { count: formatted });
}
