// A City of Kranj news item (Slovene, 25 February 2016) on a working visit by representatives of
// the twin town Villach (Beljak) to Kranj and what the two administrations agreed.
import type { SeedSource, SourceBundle } from "./types";

const DOCUMENT = "004_456ee31a02840778.txt";
const PUBLISHED_ON = "2016-02-25";

const source = (quote: string): SeedSource => ({
  document: DOCUMENT,
  quote,
  publishedOn: PUBLISHED_ON,
  language: "sl",
});

const TITLE = "Kranj in Beljak pripravljena na bolj intenzivno sodelovanje";
const LEAD =
  "V Kranju sta se 25. februarja 2016 na delovnem obisku mudili prva podžupanja pobratenega mesta Beljak dr. Petra Oberrauner ter predstavnica za evropsko politiko v tamkajšnji mestni upravi Laura Nemann.";
const SINCE_2008 = "Beljak in Kranj imata bratske odnose od leta 2008.";
const PURPOSE =
  "Namen obiska je bil okrepiti sodelovanje na gospodarskem področju in področju inovativnih tehnologij pri delovanju mestne uprave.";
const CROSS_BORDER =
  "Gostji sta se skupaj z direktorico kranjske občinske uprave Senjo Vraber dogovorili, da se bo Mestna občina Kranj pridružila čezmejnim projektom, v katere je Beljak že vključen.";

export const kranjVillach: SourceBundle = {
  document: DOCUMENT,
  cities: [
    {
      id: "si-kranj",
      name: "Kranj",
      countryCode: "SI",
      aliases: [],
      sources: [source(SINCE_2008)],
    },
    {
      id: "at-villach",
      name: "Villach",
      countryCode: "AT",
      aliases: [{ name: "Beljak", language: "sl" }],
      sources: [source(LEAD), source(SINCE_2008)],
    },
  ],
  partnerships: [
    {
      id: "p-kranj-villach",
      kind: "TWINNING",
      status: "ACTIVE",
      cityIds: ["si-kranj", "at-villach"],
      since: "2008",
      sources: [
        source(SINCE_2008),
        source("prva podžupanja pobratenega mesta Beljak"),
        source(
          "V tem času sta občini skupaj izvedli že nekaj projektov predvsem na kulturnem in turističnem področju.",
        ),
      ],
    },
  ],
  agreements: [],
  programmes: [],
  projects: [],
  news: [
    {
      id: "n-kranj-villach-2016-02-25",
      title: TITLE,
      summary: LEAD,
      publishedOn: PUBLISHED_ON,
      language: "sl",
      cityIds: ["si-kranj", "at-villach"],
      projectIds: [],
      sources: [source(`25. februar, 2016 ${TITLE}`), source(LEAD)],
    },
  ],
  visits: [
    {
      id: "v-villach-kranj-2016-02-25",
      date: "2016-02-25",
      hostCityId: "si-kranj",
      visitorCityIds: ["at-villach"],
      delegation: [
        {
          name: "dr. Petra Oberrauner",
          role: "prva podžupanja",
          organisation: "mesto Beljak",
          cityId: "at-villach",
        },
        {
          name: "Laura Nemann",
          role: "predstavnica za evropsko politiko v tamkajšnji mestni upravi",
          cityId: "at-villach",
        },
      ],
      hosts: [
        { name: "Ana Vizovišek", organisation: "Pisarna za podjetja", cityId: "si-kranj" },
        {
          name: "Senja Vraber",
          role: "direktorica kranjske občinske uprave",
          cityId: "si-kranj",
        },
      ],
      purpose:
        "Okrepiti sodelovanje na gospodarskem področju in področju inovativnih tehnologij pri delovanju mestne uprave, predvsem glede sistema e-uprave.",
      outcomes: [
        "Mestna občina Kranj se bo pridružila čezmejnim projektom Evropske unije, v katere je Beljak že vključen in ki se financirajo iz sklada za čezmejno sodelovanje Slovenije, Avstrije in Italije.",
        "Sestanki delovnih skupin bodo potekali najmanj enkrat mesečno.",
        "Ugotovljen je bil interes, da se kranjska in beljaška občinska uprava povežeta pri izvajanju gospodarskih aktivnosti: povezovanje zagonskih (start up) podjetij, ki svojo poslovno pot začnejo v Kovačnici, in prenos dobrih praks pri iskanju investitorjev, ki jih ima mesto Beljak.",
        "Inovativen pristop pri pripravi Trajnostne urbane strategije Mestne občine Kranj bodo uporabili tudi v Beljaku pri pripravi trajnostnega načrta razvoja mesta.",
      ],
      newsItemId: "n-kranj-villach-2016-02-25",
      sources: [
        source(LEAD),
        source(PURPOSE),
        source(
          "Tu gre predvsem za sistem e-uprave, h kateremu je skladno s Trajnostno urbano strategijo pristopila Mestna občina Kranj.",
        ),
        source(
          "Ana Vizovišek iz Pisarne za podjejta je gostoma predstavila delovanje gospodarskega sektorja ter prizadevanja pisarne, da v Kranj pritegne investitorje.",
        ),
        source(CROSS_BORDER),
        source(
          "Gre za projekte Evropske unije, ki se financirajo iz sklada za čezmejno sodelovanje Slovenije, Avstrije in Italije.",
        ),
        source(
          "Zaradi skupnih projektov se bo intenzivnost sodelovanja med občinama še okrepila, zato bodo sestanki delovnih skupin potekali najmanj enkrat mesečno.",
        ),
        source(
          "V pogovoru je bil ugotovljen interes, da se kranjska in beljaška občinska uprava povežeta pri izvajanju gospodarskih aktivnosti v dobro obeh lokalnih skupnosti.",
        ),
        source(
          "Pri tem gre za povezovanje tako imenovanih zagonskih (start up) podjetij, ki svojo poslovno pot začnejo v Kovačnici, in prenos dobrih praks pri iskanju investitorjev, ki jih ima mesto Beljak.",
        ),
        source(
          "Inovativen pristop pri pravi strategije bodo tako uporabili tudi v Beljaku, kjer bodo ravno v prihodnjem obdobju pristopili k pripravili trajnostnega načrta razvoja mesta.",
        ),
        source(
          "Trajnostna urbana strategija Mestne občine Kranj do leta 2030, ki je dobila pohvalo okoljskega ministrstva, je zanimiva tudi za pobratena mesta Mestne občine Kranj.",
        ),
        source("Predstavnici iz Beljaka sta se seznanila tudi z organizacijo mestne uprave."),
      ],
    },
  ],
  events: [],
};
