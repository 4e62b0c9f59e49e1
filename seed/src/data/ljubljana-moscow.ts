// The Programme of cooperation between the Government of Moscow and the City Municipality of
// Ljubljana for 2019–2021 (Slovene text), signed in Moscow on 10 September 2019.
import type { SeedSource, SourceBundle } from "./types";

const DOCUMENT = "000_a73b6615ebc0d2bb.txt";

const source = (quote: string): SeedSource => ({ document: DOCUMENT, quote, language: "sl" });

const PROTOCOL_QUOTE =
  "Protokola o prijateljstvu in sodelovanju med mestom Moskvo (Ruska federacija) in mestom Ljubljano (Republika Slovenija) z dne 22. maja 2000";

export const ljubljanaMoscow: SourceBundle = {
  document: DOCUMENT,
  cities: [
    {
      id: "si-ljubljana",
      name: "Ljubljana",
      countryCode: "SI",
      aliases: [],
      sources: [source(PROTOCOL_QUOTE)],
    },
    {
      id: "ru-moscow",
      name: "Moscow",
      localName: "Москва",
      countryCode: "RU",
      aliases: [{ name: "Moskva", language: "sl" }],
      sources: [
        source(PROTOCOL_QUOTE),
        source("Vlada Moskve (Ruska federacija) in Mestna občina Ljubljana (Republika Slovenija)"),
      ],
    },
  ],
  partnerships: [
    {
      id: "p-ljubljana-moscow",
      kind: "FRIENDSHIP",
      status: "ACTIVE",
      cityIds: ["si-ljubljana", "ru-moscow"],
      since: "2000-05-22",
      sources: [
        source(PROTOCOL_QUOTE),
        source("z namenom krepitve prijateljstva in razumevanja med prebivalci obeh mest"),
        source("sta se dogovorili, da podpišeta ta Program sodelovanja v obdobju 2019-2021."),
      ],
    },
  ],
  agreements: [
    {
      id: "a-ljubljana-moscow-protocol-2000",
      title:
        "Protokol o prijateljstvu in sodelovanju med mestom Moskvo (Ruska federacija) in mestom Ljubljano (Republika Slovenija)",
      kind: "PROTOCOL",
      partnershipId: "p-ljubljana-moscow",
      parties: [
        { name: "mesto Moskva", kind: "MUNICIPALITY", cityId: "ru-moscow", countryCode: "RU" },
        { name: "mesto Ljubljana", kind: "MUNICIPALITY", cityId: "si-ljubljana", countryCode: "SI" },
      ],
      signatories: [],
      signedOn: "2000-05-22",
      areas: [],
      languages: [],
      sources: [source(PROTOCOL_QUOTE)],
    },
    {
      id: "a-ljubljana-moscow-programme-2019-2021",
      title:
        "Program sodelovanja med Vlado Moskve (Ruska federacija) in Mestno občino Ljubljana (Republika Slovenija) v obdobju 2019–2021",
      kind: "COOPERATION_PROGRAMME",
      partnershipId: "p-ljubljana-moscow",
      parties: [
        { name: "Vlada Moskve", kind: "CITY_GOVERNMENT", cityId: "ru-moscow", countryCode: "RU" },
        {
          name: "Mestna občina Ljubljana",
          kind: "MUNICIPALITY",
          cityId: "si-ljubljana",
          countryCode: "SI",
        },
      ],
      signatories: [
        {
          name: "Zoran Janković",
          role: "župan Mestne občine Ljubljana",
          party: "Mestna občina Ljubljana",
        },
        { name: "Sergej Sobjanin", role: "župan Moskve", party: "Vlada Moskve" },
      ],
      signedOn: "2019-09-10",
      signedAtCityId: "ru-moscow",
      validFrom: "2019-09-10",
      validUntil: "2021",
      renewal:
        "Ta Program velja tri leta, če nobena od podpisnic ga pisno ne odpove najkasneje tri mesece pred potekom njegove veljavnosti.",
      basedOnId: "a-ljubljana-moscow-protocol-2000",
      areas: [
        "urbanistično načrtovanje in gradnja",
        "razvoj mestne infrastrukture",
        "izboljšanje mestnih prometnih sistemov",
        "izboljšanje kakovosti delovanja mestnih socialnih služb",
        "varstvo okolja",
        "usposabljanje in izmenjave izkušenj uslužbencev občinske uprave obeh mest",
        "izmenjavo izkušenj glede razvoja in podpore podjetništva ter glede oblikovanja projektov in programov razvoja in podpore podjetništva",
        "pripomoč pri izmenjavi informacij med znanstveno-raziskovalnimi in projektnimi ustanovami Moskve in Ljubljane",
        "ohranjanje spomenikov kulturne dediščine",
        "izvedba strokovnih mednarodnih konferenc, ohranjanje zgodovinskega spomina, preprečevanje potvarjanja zgodovinskih dejstev",
        "izmenjava umetniških skupin, razstav, projektov na področju otroške in mladinske ustvarjalnosti",
        "reformiranje sistema splošnih knjižnic, preoblikovanje knjižnic v multifunkcijska kulturna središča",
        "razvoj prostovoljskega gibanja",
        "obojestranske predstavitve dveh mest na turističnih razstavah in sejmih",
        "obojestransko informacijsko in organizacijsko podporo glede razvoja mednarodnih turističnih izmenjav med mestoma",
        "Podpisnici sodelujeta na področju športa, med drugim podpirata prirejanje prijateljskih tekem med športnima reprezentancama Moskve in Ljubljane v različnih športih.",
        "Podpisnici nadaljujeta z delom, ki se nanaša na izpolnjevanje obveznosti iz Ljubljanske deklaracije županov.",
        "podpirata izmenjave med šolami in stike med izobraževalnimi ustanovami dveh mest",
        "podpirata pouk ruščine in slovenščine",
        "izmenjata izkušnje iz uvajanja IT tehnologij v izobraževalne procese",
        "Podpisnici spodbujata izmenjave informacij in izkušenj iz vprašanj uvajanja elektronske vlade, sistema ponudbe državnih storitev, zasnovanem na načelu »enega okenca«, vzpostavljanju celostnih sistemov »pametnega« in varnega mesta.",
        "vzpostavljanje neoviranega mestnega okolja za osebe z omejenimi možnostmi",
        "sodelovanje v okviru programa »Aktivna dolga leta« - pritegnitev ljudi starejše generacije k gospodarskim, kulturnim in socialnim aktivnostim mest",
        "Izvedba Dnevov Ljubljane v Moskvi maja 2020.",
        "Izmenjava delegacij strokovnjakov",
      ],
      languages: ["ru", "sl"],
      sources: [
        source(
          "PROGRAM sodelovanja med Vlado Moskve (Ruska federacija) in Mestno občino Ljubljana (Republika Slovenija) v obdobju 2019–2021",
        ),
        source(`ravnajoč se na podlagi ${PROTOCOL_QUOTE}`),
        source(
          "1. Podpisnici izvajata v omenjenem obdobju izmenjave izkušenj, znanj in informacij glede sledečih področij mestnega upravljanja in gospodarstva:",
        ),
        source("2. Podpisnici podpirata povezave na področju znanosti in podjetništva, med drugim:"),
        source(
          "3. Podpisnici aktivno razvijata stike na področju kulture in umetnosti ter sodelujeta na naslednjih področjih, ki se nanašajo na kulturne povezave:",
        ),
        source("4. Podpisnici podpirata povezave na področju turizma, med drugim:"),
        source("7. Podpisnici organizirata sodelovanje na področju izobraževanja in sicer:"),
        source("9. Podpisnici sodelujeta na področju socialne zaščite prebivalstva mest:"),
        source(
          "1. V obdobju veljavnosti tega Programa bosta podpisnici izmenjali delegacije in skupine strokovnjakov iz konkretnih področij delovanja mesta samostojno, po potrebi.",
        ),
        source(
          "2. Ta Program velja tri leta, če nobena od podpisnic ga pisno ne odpove najkasneje tri mesece pred potekom njegove veljavnosti.",
        ),
        source("Ta Program stopi v veljavo na dan podpisa."),
        source("v težnji, da dodajata odnosom med mestoma dinamičen in stalni značaj,"),
        source(
          "1. V obdobju veljavnosti tega Programa bosta podpisnici izmenjali delegacije in skupine strokovnjakov iz konkretnih področij delovanja mesta samostojno, po potrebi.",
        ),
        source(
          "2. Tematiko srečanj, programe bivanja, termine potovanj in sestav delegacij podpisnici pravočasno določata in usklajujeta preko mestnih struktur, ki odgovarjajo za mednarodne odnose.",
        ),
        source(
          "3. Pri izmenjavi delegacij strokovnjakov podpisnici izhajata iz tega, da je namen srečanj glede vsake konkretne teme vzpostavljanje direktnih stikov med ustreznimi strukturami in ustanovami ter pridobivanje obojestranske koristi v rezultatu takih stikov.",
        ),
        source(
          "1. V obdobju veljavnosti tega Programa podpisnici na vse načine spodbujata in podpirata napore svojih municipalnih struktur, državnih, komercialnih in nevladnih organizacij ter fizičnih oseb, ki so usmerjeni v razvoj partnerskih povezav med mestoma.",
        ),
        source(
          "3. Financiranje posameznih področij sodelovanja bo odvisno od finančnih zmožnosti podpisnic in ga bosta podpisnici izvajali samostojno.",
        ),
        source(
          "Podpisano v Moskvi, 10 septembra 2019 v dveh enakih izvodih, vsak v ruskem in slovenskem jeziku, pri čemer sta obe besedili pravno enakovredni.",
        ),
        source("župan Mestne občine Ljubljana Zoran Janković"),
        source("župan Moskve Sergej Sobjanin"),
      ],
    },
  ],
  programmes: [],
  projects: [],
  news: [],
  visits: [],
  events: [
    {
      id: "e-days-of-ljubljana-in-moscow-2020",
      title: "Dnevi Ljubljane v Moskvi",
      date: "2020-05",
      placeCityId: "ru-moscow",
      planned: true,
      cityIds: ["si-ljubljana", "ru-moscow"],
      agreementId: "a-ljubljana-moscow-programme-2019-2021",
      sources: [source("10. Izvedba Dnevov Ljubljane v Moskvi maja 2020.")],
    },
  ],
};
