// Language and script detection on real sentences: Slovene and Serbian Latin from the shared source
// documents, the rest quoted from the labelled news excerpts (test/fixtures/news, credited in its
// README), plus a few plain sentences written here that state no facts.
import { describe, expect, it } from "vitest";
import { detectLanguage, languageTag, scriptOf } from "../src/language";

/** Mestna občina Kranj, "Kranj in Beljak pripravljena na bolj intenzivno sodelovanje" (shared source 004) */
const SLOVENE_KRANJ =
  "V Kranju sta se 25. februarja 2016 na delovnem obisku mudili prva podžupanja pobratenega mesta Beljak dr. Petra Oberrauner ter predstavnica za evropsko politiko v tamkajšnji mestni upravi Laura Nemann. Beljak in Kranj imata bratske odnose od leta 2008. V tem času sta občini skupaj izvedli že nekaj projektov predvsem na kulturnem in turističnem področju.";
/** Mestna občina Velenje, coal towns' cooperation agreement (shared source 001) */
const SLOVENE_VELENJE =
  "Predstavniki premogovnih mest Pljevlja (Črna gora), Lukavac (Bosna in Hercegovina) in Velenje so podpisali sporazum o sodelovanju.";
/** SKGO, "Francuska ambasada i SKGO potpisali akcioni plan za 2020." (shared source 003) */
const SERBIAN_LATIN_SKGO =
  "Ambasada Francuske u Srbiji i Stalna konferencija gradova i opština Srbije (SKGO) već 20 godina zajedno sarađuju na razvoju decentralizovane saradnje u Srbiji i stvaranju uslova za uspostavljanje partnerstava između lokalnih vlasti dve zemlje. Ova saradnja je takođe deo podrške Francuske Republike u procesu pristupanja Srbije Evropskoj uniji i međunarodne saradnje gradova i opstina.";
/** RTS via naslovi.net (fixture sr-01) */
const SERBIAN_CYRILLIC =
  "Градоначелници Београда и Бањалуке, Зоран Радојичић и Игор Радојичић потписали су у Старом двору Повељу о братимљењу два града.";
/** Dnevnik (fixture sr-08) */
const SERBIAN_LATIN_SRBOBRAN =
  "Sporazum o bratimljenju opština Srbobran i Šekovići u Republici Srpskoj, svojim potpisima potvrdili su predsednik opštine Srbobran Radivoj Debeljački i načelnik opštine Šekovići Miladin Lazić.";
/** Grad Dubrovnik via dubrovniknet.hr (fixture hr-04) */
const CROATIAN_DUBROVNIK =
  "Uz Dan Grada Dubrovnika, dubrovački gradonačelnik Mato Franković, zajedno s predsjednikom Gradskog vijeća Markom Potrebicom, zamjenikom gradonačelnika Veliborom Puzovićem te predsjednicom Odbora za međunarodnu suradnju Gradskog vijeća Katarinom Doršner primio je danas u Maloj vijećnici izaslanstva gradova prijatelja Bad Homburga, Graza, Sarajeva i Vukovara, kao i goste grada Zouk Mikaela.";
/** Grad Zagreb (fixture hr-01) */
const CROATIAN_ZAGREB =
  "Gradonačelnici Zagreba i Opatije, Milan Bandić i Amir Muzur, potpisali su danas u zagrebačkoj gradskoj palači Dverce Povelju o suradnji i prijateljstvu dvaju gradova.";
/** Grad Sarajevo (fixture bs-01) */
const BOSNIAN_SARAJEVO =
  "Gradonačelnik Sarajeva Alija Behmen i gradonačelnik Vukovara Željko Sabo danas su u Vukovaru potpisali Sporazum o saradnji dvaju gradova. Ceremoniji potpisivanja prisustvovao je i predsjedavajući Gradskog vijeća Grada Sarajeva Željko Ler, njegova zamjenica Tatjana Ljujić-Mijatović i sekretar Gradske uprave Milorad Kojović.";
/** Општина Куманово (fixture mk-02) */
const MACEDONIAN_KUMANOVO =
  "Градоначалникот Зоран Дамјановски и градоначалникот на Бања Лука – Слободан Гаврановиќ потпишаа меморандум за културна и економска соработка.";
/** Општина Кочани (fixture mk-03) */
const MACEDONIAN_KOCANI =
  "Целта на посетата беше да се продлабочи соработката на институционално ниво и да се изнајдат нови форми за соработка и заедничко дејствување.";
/** bladi.net (fixture fr-03) */
const FRENCH =
  "Les villes marocaine d’Ouarzazate et française de Maubeuge ont signé, vendredi à Ouarzazate, une convention de partenariat et de jumelage, en vue de renforcer les liens de coopération.";
/** ddorf-aktuell.de (fixture de-02) */
const GERMAN =
  "Eine Abordnung der Stadt Düsseldorf reiste in dieser Woche nach Italien. Ziel war die sizilianische Hauptstadt Palermo.";
/** The Srpska Times (fixture en-06) */
const ENGLISH =
  "The first official meeting of delegates from Banja Luka and Zagreb marks the start of collaboration between the two cities, agreed the mayors Gavranovic and Bandic.";

describe("detectLanguage", () => {
  it.each([
    ["Slovene (Kranj)", SLOVENE_KRANJ, "sl"],
    ["Slovene (Velenje)", SLOVENE_VELENJE, "sl"],
    ["Serbian Latin (SKGO)", SERBIAN_LATIN_SKGO, "sr-Latn"],
    ["Serbian Latin (Srbobran)", SERBIAN_LATIN_SRBOBRAN, "sr-Latn"],
    ["Serbian Cyrillic", SERBIAN_CYRILLIC, "sr-Cyrl"],
    ["Croatian (Dubrovnik)", CROATIAN_DUBROVNIK, "hr"],
    ["Croatian (Zagreb)", CROATIAN_ZAGREB, "hr"],
    ["Bosnian (Sarajevo)", BOSNIAN_SARAJEVO, "bs"],
    ["Macedonian (Kumanovo)", MACEDONIAN_KUMANOVO, "mk"],
    ["Macedonian (Kočani)", MACEDONIAN_KOCANI, "mk"],
    ["French", FRENCH, "fr"],
    ["German", GERMAN, "de"],
    ["English", ENGLISH, "en"],
  ])("tags %s", async (_name, text, tag) => {
    const detected = await detectLanguage(text);
    expect(detected.tag).toBe(tag);
    expect(detected.confidence).toBeGreaterThan(0.4);
  });

  it("tells Serbian Latin, Croatian and Slovene paragraphs apart", async () => {
    const [serbian, croatian, slovene] = await Promise.all(
      [SERBIAN_LATIN_SKGO, CROATIAN_DUBROVNIK, SLOVENE_KRANJ].map((t) => detectLanguage(t)),
    );
    expect([serbian.tag, croatian.tag, slovene.tag]).toEqual(["sr-Latn", "hr", "sl"]);
    expect(serbian.script).toBe("Latn");
  });

  it("reads ijekavian with Croatian words as Croatian, ekavian as Serbian (written here, no facts)", async () => {
    expect(
      (await detectLanguage("Gradonačelnik je tijekom posjeta potpisao sporazum o suradnji s općinom.")).tag,
    ).toBe("hr");
    expect(
      (await detectLanguage("Predsednik opštine je tokom posete potpisao sporazum o saradnji sa gradom."))
        .tag,
    ).toBe("sr-Latn");
  });

  it("takes Macedonian letters over Serbian-looking words (written here)", async () => {
    expect((await detectLanguage("Делегацијата ќе ја посети општината во петок.")).language).toBe("mk");
    expect((await detectLanguage("Делегација ће посетити општину у петак.")).tag).toBe("sr-Cyrl");
  });

  it("reads Latin text with Cyrillic look-alike letters pasted in (Opština Kosjerić, fixture sr-06)", async () => {
    const text =
      "S\u0430r\u0430dnj\u0430 lok\u0430lnih z\u0430jednic\u0430 doprinosi približ\u0430v\u0430nju gr\u0430đ\u0430n\u0430 i stv\u0430r\u0430nju \u0430tmosfere prij\u0430teljskih sredin\u0430.";
    expect(text).toMatch(/\u0430/);
    expect((await detectLanguage(text)).tag).toBe("sr-Latn");
  });

  it("lets a valid hint win and carries its script", async () => {
    expect(await detectLanguage(FRENCH, "sr-Latn")).toEqual({
      language: "sr",
      script: "Latn",
      tag: "sr-Latn",
      confidence: 1,
    });
    expect((await detectLanguage(SERBIAN_CYRILLIC, "sr")).tag).toBe("sr-Cyrl");
    expect((await detectLanguage(GERMAN, "de-AT")).tag).toBe("de");
  });

  it("ignores a hint naming another language", async () => {
    expect((await detectLanguage(GERMAN, "it")).tag).toBe("de");
  });

  it("answers und for very short text and for other languages", async () => {
    expect(await detectLanguage("Kranj")).toMatchObject({ language: "und", tag: "und" });
    const italian = await detectLanguage(
      "Il sindaco della città ha firmato oggi un accordo di gemellaggio con la città vicina.",
    );
    expect(italian.language).toBe("und");
    expect(italian.confidence).toBeLessThan(0.3);
  });
});

describe("scriptOf", () => {
  it("gives the majority script of the letters", () => {
    expect(scriptOf(SERBIAN_CYRILLIC)).toBe("Cyrl");
    expect(scriptOf(SERBIAN_LATIN_SKGO)).toBe("Latn");
    expect(scriptOf("РТС 26.10.2020 Beograd")).toBe("Latn");
    expect(scriptOf("Београд и Бањалука, RTS")).toBe("Cyrl");
    expect(scriptOf("2020")).toBe("Latn");
  });
});

describe("languageTag", () => {
  it("always gives Serbian its script and others only an unusual one", () => {
    expect(languageTag("sr", "Cyrl")).toBe("sr-Cyrl");
    expect(languageTag("sr", "Latn")).toBe("sr-Latn");
    expect(languageTag("mk", "Cyrl")).toBe("mk");
    expect(languageTag("bs", "Cyrl")).toBe("bs-Cyrl");
    expect(languageTag("hr", "Latn")).toBe("hr");
  });
});
