// The sources the editing tests cite: passages quoted verbatim from /work/shared/sources, and the
// one fictional change issue 11 itself gives ("Kranj and Villach sign a new cooperation agreement on
// 2026-11-20"), cited as the issue.
import type { SourceRecord } from "@twingraph/kit/text";

const cite =
  (document: string, language: string, publishedOn?: string) =>
  (quote: string): SourceRecord => ({ document, quote, language, ...(publishedOn ? { publishedOn } : {}) });

/** The City of Kranj's news page of 25 February 2016 on Villach's visit. */
const kranjVillach = cite("004_456ee31a02840778.txt", "sl", "2016-02-25");
/** Velenje's news page on the coal towns' agreement, with its "more news". */
const coalTowns = cite("001_f0cc4ea257220436.txt", "sl");
/** Lenart's page on the City Cooperation project. */
const cityCooperation = cite("002_eff89ee55d5035cd.txt", "sl");
/** The Moscow–Ljubljana cooperation programme 2019–2021. */
const ljubljanaMoscow = cite("000_a73b6615ebc0d2bb.txt", "sl");

export const SOURCES = {
  since2008: kranjVillach("Beljak in Kranj imata bratske odnose od leta 2008."),
  villachVisit: kranjVillach(
    "V Kranju sta se 25. februarja 2016 na delovnem obisku mudili prva podžupanja pobratenega mesta Beljak dr. Petra Oberrauner ter predstavnica za evropsko politiko v tamkajšnji mestni upravi Laura Nemann.",
  ),
  visitPurpose: kranjVillach(
    "Namen obiska je bil okrepiti sodelovanje na gospodarskem področju in področju inovativnih tehnologij pri delovanju mestne uprave.",
  ),
  crossBorder: kranjVillach(
    "Gostji sta se skupaj z direktorico kranjske občinske uprave Senjo Vraber dogovorili, da se bo Mestna občina Kranj pridružila čezmejnim projektom, v katere je Beljak že vključen.",
  ),
  newsDate: kranjVillach("25. februar, 2016"),
  malmo: coalTowns(
    "Slovenska moška rokometna reprezentanca se bo danes ob 18. uri v glavnem delu Evropskega prvenstva v švedskem Malmöju pomerila proti Hrvaški.",
  ),
  coalTownsBilateral: coalTowns(
    "Župan Mestne občine Velenje Peter Dermol, župan mesta Lukavac Edin Delić in direktor Direkcije za gradnjo mesta Pljevlja Nenad Rubežić, po pooblastilu župana mesta Pljevlja Rajka Kovačevića, so podpisali sporazum o sodelovanju, s katerim vzpostavljajo bilateralne in multilateralne odnose ter vzajemno partnerstvo s ciljem izmenjave izkušenj in prijateljstva na mednarodni ravni ter prispevanju k razvoju lokalnih skupnosti.",
  ),
  coalExchange: coalTowns(
    "Mestna občina Velenje je v programu bila izbrana za dolgoročno sodelovanje in izmenjave z občino Pljevlja iz Črne gore.",
  ),
  skating: coalTowns(
    "Pokrito drsališče z ledeno površino, veliko 800 m², omogoča prijetno drsalno izkušnjo v vseh vremenskih razmerah in tudi v novi sezoni ostaja prostor brezskrbne rekreacije, druženja in športnih doživetij.",
  ),
  budget: cityCooperation("Vrednost projekta: 1.800.000,00 EUR"),
  cityCooperation: cityCooperation(
    "Projekt City Cooperation – Sodelovanje mest je mednarodni projekt, v okviru katerega je vzpostavljeno tesno sodelovanje mest obmejnih regij vzhodne avstrijske Štajerske, vzhodne Slovenije in jugozahodne Madžarske.",
  ),
  lenartInFurstenfeld: cityCooperation("Iz občine Lenart je nastopil Pihalni orkester MOL."),
  signedInMoscow: ljubljanaMoscow(
    "Podpisano v Moskvi, 10 septembra 2019 v dveh enakih izvodih, vsak v ruskem in slovenskem jeziku, pri čemer sta obe besedili pravno enakovredni.",
  ),
  daysOfLjubljana: ljubljanaMoscow("Izvedba Dnevov Ljubljane v Moskvi maja 2020."),
  /** the issue's own example of a change, fictional */
  newAgreement: cite("issue 11", "en")("Kranj and Villach sign a new cooperation agreement on 2026-11-20"),
} satisfies Record<string, SourceRecord>;

/** The test reasons for deprecations that are staged and never applied. */
export const NEVER_APPLIED = "a refusal test's deprecation: staged, never applied";
