// A Slovene project description of "City Cooperation – Sodelovanje mest" (2008–2012), an ERDF-funded
// cooperation of 24 towns in the Austrian–Slovenian–Hungarian border region, with a report on
// its first event in Fürstenfeld on 1 October 2009.
import type { SeedSource, SourceBundle } from "./types";

const DOCUMENT = "002_eff89ee55d5035cd.txt";

const source = (quote: string): SeedSource => ({ document: DOCUMENT, quote, language: "sl" });

const SLOVENIAN_TOWNS =
  "Sodelujoča mesta iz Slovenije:Lendava, Murska Sobota, Radenci, Gornja Radgona, Ormož, Ptuj, Ljutomer in Lenart.";
const FIRST_EVENT =
  "Prvi dogodek v okviru projekta Sodelovanje mest se je odvijal v četrtek, 1. oktobra 2009 na avstrijskem Štajerskem, v mestu Fürstenfeld.";
const DECLARATION =
  "Župani sodelujočih mest so podpisali izjavo o sodelovanju z naslednjo vsebino:Mi, to je 24 mest na tromeji Madžarske, Avstrije in Slovenije, bomo v bodočnosti intenzivno sodelovali, da bomo lahko uresničili skupne projekte za kulturni in gospodarski razvoj naših mest v naši regiji.";

const slovenianTownIds = [
  "si-lendava",
  "si-murska-sobota",
  "si-radenci",
  "si-gornja-radgona",
  "si-ormoz",
  "si-ptuj",
  "si-ljutomer",
  "si-lenart",
];

export const cityCooperation: SourceBundle = {
  document: DOCUMENT,
  cities: [
    {
      id: "si-lendava",
      name: "Lendava",
      countryCode: "SI",
      aliases: [],
      sources: [source(SLOVENIAN_TOWNS)],
    },
    {
      id: "si-murska-sobota",
      name: "Murska Sobota",
      countryCode: "SI",
      aliases: [],
      sources: [source(SLOVENIAN_TOWNS)],
    },
    {
      id: "si-radenci",
      name: "Radenci",
      countryCode: "SI",
      aliases: [],
      sources: [source(SLOVENIAN_TOWNS)],
    },
    {
      id: "si-gornja-radgona",
      name: "Gornja Radgona",
      countryCode: "SI",
      aliases: [],
      sources: [source(SLOVENIAN_TOWNS)],
    },
    {
      id: "si-ormoz",
      name: "Ormož",
      countryCode: "SI",
      aliases: [],
      sources: [source(SLOVENIAN_TOWNS)],
    },
    {
      id: "si-ptuj",
      name: "Ptuj",
      countryCode: "SI",
      aliases: [],
      sources: [source(SLOVENIAN_TOWNS)],
    },
    {
      id: "si-ljutomer",
      name: "Ljutomer",
      countryCode: "SI",
      aliases: [],
      sources: [source(SLOVENIAN_TOWNS)],
    },
    {
      id: "si-lenart",
      name: "Lenart",
      countryCode: "SI",
      aliases: [],
      sources: [source(SLOVENIAN_TOWNS)],
    },
    {
      id: "at-furstenfeld",
      name: "Fürstenfeld",
      countryCode: "AT",
      aliases: [],
      sources: [source(FIRST_EVENT)],
    },
  ],
  partnerships: [
    {
      id: "p-city-cooperation",
      name: "City Cooperation – Sodelovanje mest",
      kind: "COOPERATION",
      status: "UNKNOWN",
      cityIds: [...slovenianTownIds],
      memberCount: 24,
      since: "2009-10-01",
      sources: [
        source(
          "1. Izgradnja trajnega partnerstva pri projektu udeleženih 24 mest v trideželnem trikotniku med Avstrijo, Slovenijo in Madžarsko.",
        ),
        source(SLOVENIAN_TOWNS),
        source(DECLARATION),
      ],
    },
  ],
  agreements: [
    {
      id: "a-city-cooperation-declaration",
      title: "Izjava o sodelovanju",
      kind: "DECLARATION",
      partnershipId: "p-city-cooperation",
      parties: [
        { name: "Lendava", kind: "MUNICIPALITY", cityId: "si-lendava", countryCode: "SI" },
        {
          name: "Murska Sobota",
          kind: "MUNICIPALITY",
          cityId: "si-murska-sobota",
          countryCode: "SI",
        },
        { name: "Radenci", kind: "MUNICIPALITY", cityId: "si-radenci", countryCode: "SI" },
        {
          name: "Gornja Radgona",
          kind: "MUNICIPALITY",
          cityId: "si-gornja-radgona",
          countryCode: "SI",
        },
        { name: "Ormož", kind: "MUNICIPALITY", cityId: "si-ormoz", countryCode: "SI" },
        { name: "Ptuj", kind: "MUNICIPALITY", cityId: "si-ptuj", countryCode: "SI" },
        { name: "Ljutomer", kind: "MUNICIPALITY", cityId: "si-ljutomer", countryCode: "SI" },
        { name: "Lenart", kind: "MUNICIPALITY", cityId: "si-lenart", countryCode: "SI" },
      ],
      signatories: [],
      signedOn: "2009-10-01",
      signedAtCityId: "at-furstenfeld",
      areas: ["kulturni razvoj", "gospodarski razvoj"],
      languages: [],
      sources: [source(FIRST_EVENT), source(DECLARATION), source(SLOVENIAN_TOWNS)],
    },
  ],
  programmes: [],
  projects: [
    {
      id: "proj-city-cooperation",
      title: "City Cooperation – Sodelovanje mest",
      funds: ["ERDF"],
      totalBudget: { amount: 1800000, currency: "EUR" },
      start: "2008-05",
      end: "2012-10",
      partners: [
        { name: "EU- Regionalmanagement Oststeiermark", role: "LEAD", countryCode: "AT" },
        {
          name: "Znanstveno- raziskovalno središče Bistra Ptuj",
          role: "PARTNER",
          cityId: "si-ptuj",
          countryCode: "SI",
        },
        {
          name: "Razvojni center Murska Sobota",
          role: "PARTNER",
          cityId: "si-murska-sobota",
          countryCode: "SI",
        },
        { name: "Prleška razvojna agencija", role: "PARTNER", countryCode: "SI" },
      ],
      cityIds: [...slovenianTownIds],
      participantCount: 24,
      objectives: [
        "Izgradnja trajnega partnerstva pri projektu udeleženih 24 mest v trideželnem trikotniku med Avstrijo, Slovenijo in Madžarsko.",
        "Skupna analiza situacije in izmenjava izkušenj med pri projektu udeleženih mest.",
        "Razvoj usklajene strategije za v prihodnost orientirano pozicioniranje mest obmejne regije na naslednjih področjih: intenziviranje sodelovanja mest znotraj in med deželami obmejne regije; ohranjanje in oživljanje mestnih središč kot tradicionalnih gospodarskih središč regije z veliko socialno in kulturno vrednostjo za urbano in regionalno identiteto; pozicioniranje mest v trideželnem trikotniku kot gospodarskih stičišč med srednjo, vzhodno in jugovzhodno Evropo; spodbujanje gospodarskega razvoja podjetij v mestih kot pospeševalcev za skupni razvoj obmejne regije; intenziviranje socialnih in gospodarskih povezav na vseh nivojih med mesti in regijami obmejne regije.",
        "Razvoj skupnih pilotnih projektov, aktivnosti in akcij ter postavitev skupne razvojne strategije.",
        "Razvoj in vzpostavitev organizacijskega modela za načrtovanje in izvedbo teh skupnih aktivnosti mest znotraj in med posameznimi deželami.",
        "Izoblikovanje koncepta za trajno vzpostavitev skupaj izdelane strategije in za nadaljevanje sodelovanja po koncu predstavljenega koncepta oz. projekta.",
      ],
      results: [
        "Izgradnja trajnostnega sodelovanja med udeleženimi mesti v Avstriji, Madžarski in Sloveniji.",
        "Izdelava skupne strategije trajnostnega sodelovanja.",
        "Izdelava skupne strategije za trajnostni razvoj mest v obmejni regiji.",
        "Izdelava skupne strategije za intenziviranje socialnih, gospodarskih in kulturnih povezav med mesti obmejne regije.",
        "Razvoj ukrepov in projektnih predlogov za vzpostavitev skupne strategije na področju kooperacije, komunikacij, razvoja mest in razvoja gospodarstva.",
        "Vzpostavitev izbranih pilotnih projektov na področju izdelane strategije skupaj definiranih vodilnih sektorjev sodelovanja.",
        "Izdelava skupnega koncepta za trajnostno sodelovanje po koncu predstavljenega projekta.",
      ],
      sources: [
        source(
          "Projekt City Cooperation – Sodelovanje mest je mednarodni projekt, v okviru katerega je vzpostavljeno tesno sodelovanje mest obmejnih regij vzhodne avstrijske Štajerske, vzhodne Slovenije in jugozahodne Madžarske.",
        ),
        source("Projekt traja od maja 2008 do oktobra 2012."),
        source("Vodja projekta je: EU- Regionalmanagement Oststeiermark, Avstrija"),
        source(
          "Partnerji iz Slovenije v tem projektu so:Znanstveno- raziskovalno središče Bistra PtujRazvojni center Murska SobotaPrleška razvojna agencija",
        ),
        source("Vrednost projekta: 1.800.000,00 EUR"),
        source("Financiranje: ESRR"),
        source("Projekt City Cooperation zasleduje naslednje konkretne cilje:"),
        source(SLOVENIAN_TOWNS),
      ],
    },
  ],
  news: [
    {
      id: "n-city-cooperation-first-event",
      title: "Prvi dogodek v okviru sodelovanja mest",
      summary: FIRST_EVENT,
      language: "sl",
      cityIds: [...slovenianTownIds, "at-furstenfeld"],
      projectIds: ["proj-city-cooperation"],
      sources: [source("PRVI DOGODEK V OKVIRU SODELOVANJA MEST"), source(FIRST_EVENT)],
    },
  ],
  visits: [],
  events: [
    {
      id: "e-city-cooperation-first-event",
      title: "Prvi dogodek v okviru projekta Sodelovanje mest",
      date: "2009-10-01",
      placeCityId: "at-furstenfeld",
      planned: false,
      cityIds: [...slovenianTownIds],
      description:
        "Vseh 24 mest iz Slovenije, Avstrije in Madžarske je na stojnicah predstavilo svoje izdelke, spominke in turistične prospekte. V kulturnem programu so sodelovale folklorne, pevske skupine in pihalne godbe sodelujočih mest; iz občine Lenart je nastopil Pihalni orkester MOL. Župani sodelujočih mest so podpisali izjavo o sodelovanju.",
      projectId: "proj-city-cooperation",
      agreementId: "a-city-cooperation-declaration",
      sources: [
        source(FIRST_EVENT),
        source(
          "Ob tej priložnosti je vseh 24 mest iz Slovenije, Avstrije in Madžarske na stojnicah predstavilo svoje izdelke, spominke in turistične prospekte.",
        ),
        source(
          "V kulturnem programu so sodelovale folklorne, pevske skupine in pihalne godbe sodelujočih mest.",
        ),
        source("Iz občine Lenart je nastopil Pihalni orkester MOL."),
        source("Prav tako je Lenart predstavil svoje domače izdelke, spominke in prospekte."),
        source(DECLARATION),
      ],
    },
  ],
};
