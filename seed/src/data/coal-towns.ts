// A Velenje municipality news page (Slovene) reporting that the coal towns Pljevlja, Lukavac and
// Velenje signed a cooperation agreement, and that Velenje and Pljevlja joined the Coal Regions
// Exchange Western Balkan programme. The page's unrelated side items are not transcribed.
import type { SeedSource, SourceBundle } from "./types";

const DOCUMENT = "001_f0cc4ea257220436.txt";

const source = (quote: string): SeedSource => ({ document: DOCUMENT, quote, language: "sl" });

const LEAD =
  "Predstavniki premogovnih mest Pljevlja (Črna gora), Lukavac (Bosna in Hercegovina) in Velenje so podpisali sporazum o sodelovanju.";
const SIGNING =
  "Župan Mestne občine Velenje Peter Dermol, župan mesta Lukavac Edin Delić in direktor Direkcije za gradnjo mesta Pljevlja Nenad Rubežić, po pooblastilu župana mesta Pljevlja Rajka Kovačevića, so podpisali sporazum o sodelovanju";
const SELECTED =
  "Mestna občina Velenje je v programu bila izbrana za dolgoročno sodelovanje in izmenjave z občino Pljevlja iz Črne gore.";
const APPLIED =
  "Velenjska občina je skupaj z občino Plevlja v sklopu programa Coal Regions Exchange Western Balkan uspešno prijavila program izmenjave med regijami iz Evropske unije in Zahodnega Balkana ter Ukrajine.";

export const coalTowns: SourceBundle = {
  document: DOCUMENT,
  cities: [
    {
      id: "si-velenje",
      name: "Velenje",
      countryCode: "SI",
      aliases: [],
      sources: [source(LEAD), source(SELECTED)],
    },
    {
      id: "ba-lukavac",
      name: "Lukavac",
      countryCode: "BA",
      aliases: [],
      sources: [source(LEAD)],
    },
    {
      id: "me-pljevlja",
      name: "Pljevlja",
      localName: "Пљевља",
      countryCode: "ME",
      aliases: [{ name: "Plevlja", language: "sl" }],
      sources: [source(LEAD), source(APPLIED)],
    },
  ],
  partnerships: [
    {
      id: "p-coal-towns",
      kind: "COOPERATION",
      status: "ACTIVE",
      cityIds: ["si-velenje", "ba-lukavac", "me-pljevlja"],
      sources: [
        source(LEAD),
        source(
          "so podpisali sporazum o sodelovanju, s katerim vzpostavljajo bilateralne in multilateralne odnose ter vzajemno partnerstvo s ciljem izmenjave izkušenj in prijateljstva na mednarodni ravni ter prispevanju k razvoju lokalnih skupnosti.",
        ),
      ],
    },
    {
      id: "p-velenje-pljevlja",
      kind: "COOPERATION",
      status: "ACTIVE",
      cityIds: ["si-velenje", "me-pljevlja"],
      sources: [source(SELECTED)],
    },
  ],
  agreements: [
    {
      id: "a-coal-towns-cooperation",
      title: "Sporazum o sodelovanju",
      kind: "COOPERATION_AGREEMENT",
      partnershipId: "p-coal-towns",
      parties: [
        {
          name: "Mestna občina Velenje",
          kind: "MUNICIPALITY",
          cityId: "si-velenje",
          countryCode: "SI",
        },
        { name: "mesto Lukavac", kind: "MUNICIPALITY", cityId: "ba-lukavac", countryCode: "BA" },
        { name: "mesto Pljevlja", kind: "MUNICIPALITY", cityId: "me-pljevlja", countryCode: "ME" },
      ],
      signatories: [
        {
          name: "Peter Dermol",
          role: "župan Mestne občine Velenje",
          party: "Mestna občina Velenje",
        },
        { name: "Edin Delić", role: "župan mesta Lukavac", party: "mesto Lukavac" },
        {
          name: "Nenad Rubežić",
          role: "direktor Direkcije za gradnjo mesta Pljevlja, po pooblastilu župana mesta Pljevlja Rajka Kovačevića",
          party: "mesto Pljevlja",
        },
      ],
      areas: [
        "kultura",
        "šport",
        "mladina",
        "znanost",
        "turizem",
        "zelena tranzicija",
        "podpirali vse aktivnosti za pristne in ustvarjalne medsebojne odnose",
        "spodbujali in podpirali izmenjavo in sodelovanje gospodarskih subjektov",
        "razvijali in pospeševali vse oblike izmenjav in sodelovanja na področju kulturne, športne, turistične, rekreacijske in druge dejavnosti",
        "se seznanjali z razvojnimi programi in sodelovali pri oblikovanju predlogov in stališč o drugih vprašanjih skupnega pomena",
      ],
      languages: [],
      sources: [
        source(SIGNING),
        source(
          "Skupaj želijo oblikovati in izvajati projekte, ki bodo pomembno prispevali k razvoju lokalnih skupnosti, predvsem na področjih kulture, športa, mladine, znanosti, turizma in zelene tranzicije.",
        ),
        source(
          "Predstavniki občin so se zavezali, da bodo pri nadaljnjem medsebojnem sodelovanju podpirali vse aktivnosti za pristne in ustvarjalne medsebojne odnose; spodbujali in podpirali izmenjavo in sodelovanje gospodarskih subjektov; razvijali in pospeševali vse oblike izmenjav in sodelovanja na področju kulturne, športne, turistične, rekreacijske in druge dejavnosti ter se seznanjali z razvojnimi programi in sodelovali pri oblikovanju predlogov in stališč o drugih vprašanjih skupnega pomena.",
        ),
      ],
    },
  ],
  programmes: [
    {
      id: "prog-coal-regions-exchange-western-balkan",
      name: "Coal Regions Exchange Western Balkan",
      funder: "European Commission",
      funds: [],
      countryCodes: [],
      sources: [
        source(APPLIED),
        source(
          "Program je del pobude za premogovne regije v tranziciji na zahodnem Balkanu in v Ukrajini in je financiran s strani Evropske komisije.",
        ),
        source(
          "Program omogoča priložnost, da se regije med seboj povežejo in vzpostavijo neposredne dialoge z različnimi deležniki, se med seboj učijo in prenašajo znanje.",
        ),
      ],
    },
  ],
  projects: [
    {
      id: "proj-velenje-pljevlja-coal-exchange",
      title: "Program izmenjave Velenje – Pljevlja",
      programmeId: "prog-coal-regions-exchange-western-balkan",
      funds: [],
      start: "2022",
      partners: [
        {
          name: "Mestna občina Velenje",
          role: "PARTICIPANT",
          cityId: "si-velenje",
          countryCode: "SI",
        },
        { name: "občina Pljevlja", role: "PARTICIPANT", cityId: "me-pljevlja", countryCode: "ME" },
      ],
      cityIds: ["si-velenje", "me-pljevlja"],
      objectives: [
        "prekvalifikacije delavcev in ustvarjanje novih delovnih mest z dodano vrednostjo",
        "obnovljivi viri in daljinsko ogrevanje",
        "prestrukturiranje premogovnih regij",
        "pospešiti proces pravičnega prehoda premogovnih regij",
      ],
      results: [],
      sources: [
        source(APPLIED),
        source(SELECTED),
        source("Podrobno načrtovanje in priprava izmenjav se bosta začela v drugi polovici leta 2022."),
        source(
          "Možnost raziskovanja izkušenj vrstnikov in razmisleka o lastnih izzivih in razvoju bo pomagala pospešiti proces pravičnega prehoda premogovnih regij.",
        ),
        source(
          "Ključna področja, o katerih bodo predstavniki občin govorili, so prekvalifikacije delavcev in ustvarjanje novih delovnih mest z dodano vrednostjo, obnovljivi viri in daljinsko ogrevanje ter prestrukturiranje premogovnih regij.",
        ),
        source("Vse aktivnosti v sklopu projekta financira Evropska komisija."),
      ],
    },
  ],
  news: [
    {
      id: "n-coal-towns-agreement",
      title: "Predstavniki premogovnih mest podpisali sporazum o sodelovanju",
      summary: LEAD,
      language: "sl",
      publisher: "Mestna občina Velenje",
      cityIds: ["si-velenje", "ba-lukavac", "me-pljevlja"],
      projectIds: ["proj-velenje-pljevlja-coal-exchange"],
      sources: [
        source("Predstavniki premogovnih mest podpisali sporazum o sodelovanju"),
        source(LEAD),
        source("SZJ, Mestna občina Velenje"),
      ],
    },
  ],
  visits: [],
  events: [
    {
      id: "e-velenje-pljevlja-first-exchange",
      title: "Prva izmenjava",
      date: "2022",
      planned: true,
      cityIds: ["si-velenje", "me-pljevlja"],
      description: "Prva izmenjava je načrtovana jeseni 2022.",
      projectId: "proj-velenje-pljevlja-coal-exchange",
      sources: [source("Prva izmenjava je načrtovana jeseni 2022.")],
    },
  ],
};
