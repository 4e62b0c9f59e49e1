// A French Embassy in Serbia news page (Serbian, Latin script, published 27 February 2020) on the
// Embassy and SKGO signing their action plan for 2020 and on French–Serbian local partnerships.
import type { SeedSource, SourceBundle } from "./types";

const DOCUMENT = "003_e9e5062856fa3fb2.txt";
const PUBLISHED_ON = "2020-02-27";

const source = (quote: string): SeedSource => ({
  document: DOCUMENT,
  quote,
  publishedOn: PUBLISHED_ON,
  language: "sr-Latn",
});

const SURESNES_KRAGUJEVAC =
  "Trenutno ima osam aktivnih partnerstava između francuskih i srpskih lokalnih zajednica, među kojima su neka koja koja su veoma aktivna već nekoliko decenija, kao na primer partnerstvoj između gradova Sirena i Kragujevca.";
const NEVERS_SREMSKA_MITROVICA =
  "Neka druga partnerstva, koja nisu bila aktivna unazad nekoliko godina, sada iznova pokreću svoju saradnju: to je na primer slučaj sa saradnjom između Nevera i Sremske Mitrovice.";
const DECENTRALISED =
  "Ambasada Francuske u Srbiji i Stalna konferencija gradova i opština Srbije (SKGO) već 20 godina zajedno sarađuju na razvoju decentralizovane saradnje u Srbiji i stvaranju uslova za uspostavljanje partnerstava između lokalnih vlasti dve zemlje.";
const LEAD =
  "Odeljenje za saradnju Francuske ambasade i SKGO proslavili su 20 godina saradnje potpisivanjem akcionog plana za 2020. godinu.";

export const frenchSerbian: SourceBundle = {
  document: DOCUMENT,
  cities: [
    {
      id: "fr-suresnes",
      name: "Suresnes",
      countryCode: "FR",
      // "Siren" is the nominative; "Sirena" is the form this source prints, and readers search for it
      aliases: [
        { name: "Siren", language: "sr-Latn" },
        { name: "Sirena", language: "sr-Latn" },
      ],
      sources: [source(SURESNES_KRAGUJEVAC)],
    },
    {
      id: "rs-kragujevac",
      name: "Kragujevac",
      localName: "Крагујевац",
      countryCode: "RS",
      aliases: [],
      sources: [source(SURESNES_KRAGUJEVAC)],
    },
    {
      id: "fr-nevers",
      name: "Nevers",
      countryCode: "FR",
      aliases: [
        { name: "Never", language: "sr-Latn" },
        { name: "Nevera", language: "sr-Latn" },
      ],
      sources: [source(NEVERS_SREMSKA_MITROVICA)],
    },
    {
      id: "rs-sremska-mitrovica",
      name: "Sremska Mitrovica",
      localName: "Сремска Митровица",
      countryCode: "RS",
      aliases: [],
      sources: [source(NEVERS_SREMSKA_MITROVICA)],
    },
  ],
  partnerships: [
    {
      id: "p-suresnes-kragujevac",
      kind: "DECENTRALISED_COOPERATION",
      status: "ACTIVE",
      cityIds: ["fr-suresnes", "rs-kragujevac"],
      sources: [source(SURESNES_KRAGUJEVAC), source(DECENTRALISED)],
    },
    {
      id: "p-nevers-sremska-mitrovica",
      kind: "DECENTRALISED_COOPERATION",
      status: "REVIVED",
      cityIds: ["fr-nevers", "rs-sremska-mitrovica"],
      sources: [source(NEVERS_SREMSKA_MITROVICA), source(DECENTRALISED)],
    },
  ],
  agreements: [
    {
      id: "a-ambafrance-skgo-action-plan-2020",
      title: "Akcioni plan za 2020. godinu",
      kind: "ACTION_PLAN",
      parties: [
        { name: "Ambasada Francuske u Srbiji", kind: "EMBASSY", countryCode: "FR" },
        {
          name: "Stalna konferencija gradova i opština Srbije (SKGO)",
          kind: "ASSOCIATION",
          countryCode: "RS",
        },
      ],
      signatories: [],
      validFrom: "2020",
      validUntil: "2020",
      areas: [
        "rodna ravnopravnost",
        "poštovanje vladavine prava",
        "podizanje svesti mladih i njihovo učešće u javnom zivotu",
        "lokalni ekonomski razvoj",
        "životna sredina",
        "urbano planiranje",
      ],
      languages: [],
      sources: [
        source(LEAD),
        source(DECENTRALISED),
        source(
          "Svake godine, potpisuje se zajednički akcioni plan kako bi se organizovale aktivnosti u okviru saradnje između dve institucije.",
        ),
        source(
          "Ovogodišnji akcioni plan biće naročito fokusiran na pitanja rodne ravnopravnosti, poštovanje vladavine prava, podizanje svesti mladih i njihovo učešće u javnom zivotu, lokalnom ekonomskom razvoju, životnoj sredini i urbanom planiranju.",
        ),
      ],
    },
  ],
  programmes: [],
  projects: [],
  news: [
    {
      id: "n-ambafrance-skgo-2020",
      title: "Francuska ambasada i SKGO potpisali akcioni plan za 2020.",
      summary: LEAD,
      publishedOn: PUBLISHED_ON,
      language: "sr-Latn",
      cityIds: ["fr-suresnes", "rs-kragujevac", "fr-nevers", "rs-sremska-mitrovica"],
      projectIds: [],
      sources: [
        source("Francuska ambasada i SKGO potpisali akcioni plan za 2020."),
        source(LEAD),
        source("publie le 27/02/2020"),
        source(DECENTRALISED),
        source(
          "Ova saradnja je takođe deo podrške Francuske Republike u procesu pristupanja Srbije Evropskoj uniji i međunarodne saradnje gradova i opstina.",
        ),
        source(SURESNES_KRAGUJEVAC),
        source(NEVERS_SREMSKA_MITROVICA),
        source(
          "Od 2009. godine realizuje se i Program međunarodnih volontera u SKGO, gde SKGO ima na raspolaganju jednog/u koordinatora/ku koji/a se bavi saradnjom francuskih i srpskih opština.",
        ),
        source(
          "U okviru podrške koju Francuska pruža Srbiji u procesu EU integracija, Odeljenje za saradnju i kulturu Ambasade Francuske nastoji da omogući realizacija projekata između srpskih i fracuskih opština, što iz fondova Ministarstva spoljnih poslova Francuske, što kroz konkurse iz evropskih fondova.",
        ),
        source(
          "Ambasada i SKGO takođe motivišu nove lokalne samouprave da se uključe u saradnju sa francuskim opštinama i nastoje da uspostave odgovarajuće kontakte sa potencijalnim partnerima u Francuskoj.",
        ),
      ],
    },
  ],
  visits: [],
  events: [],
};
