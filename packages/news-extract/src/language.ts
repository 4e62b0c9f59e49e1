// Language and script of a news text: franc's trigram guess, then a small set of scored word and
// letter markers, because trigrams cannot tell the South Slavic languages apart reliably (Serbian,
// Croatian, Bosnian and Slovene share most trigrams; Serbian and Macedonian Cyrillic too).
import type { DetectedLanguage, NewsLanguage, NewsScript } from "./types";

type FrancModule = typeof import("franc", { with: { "resolution-mode": "import" }});

let francModule: Promise<FrancModule> | null = null;

/** franc is ESM-only: loaded once, on first use. */
function loadFranc(): Promise<FrancModule> {
  francModule ??= import("franc");
  return francModule;
}

const FRANC_CODES: Record<string, NewsLanguage> = {
  slv: "sl",
  srp: "sr",
  hrv: "hr",
  bos: "bs",
  mkd: "mk",
  fra: "fr",
  deu: "de",
  eng: "en",
};
const NEWS_LANGUAGES = new Set<string>(Object.values(FRANC_CODES));
const SOUTH_SLAVIC = new Set<NewsLanguage>(["sl", "sr", "hr", "bs", "mk"]);

/** Below this many letters nothing is guessed ("und"). */
const MIN_LETTERS = 10;
/** Under this many letters a guess is kept but its confidence is lowered. */
const SHORT_LETTERS = 60;
/** When franc, unrestricted, ranks our best language below this fraction of its top language's
 *  score, the text is in some other language (Italian, Spanish…) and is "und". */
const OTHER_LANGUAGE_RATIO = 0.8;

/** The majority script of the text's letters (Latin when there are none or they tie). */
export function scriptOf(text: string): NewsScript {
  let latin = 0;
  let cyrillic = 0;
  for (const ch of text) {
    if (/\p{Script=Latin}/u.test(ch)) latin++;
    else if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic++;
  }
  return cyrillic > latin ? "Cyrl" : "Latn";
}

/** The BCP 47 tag stored on an item: Serbian always with its script, others only when unusual. */
export function languageTag(language: NewsLanguage | "und", script: NewsScript): string {
  if (language === "und") return "und";
  if (language === "sr") return `sr-${script}`;
  const usual: NewsScript = language === "mk" ? "Cyrl" : "Latn";
  return script === usual ? language : `${language}-${script}`;
}

/** A caller's tag ("sr-Latn", "fr", "de-AT", "sr-Cyrl-RS") when its language is one we know. */
function fromHint(hint: string, text: string): DetectedLanguage | null {
  const parts = hint.trim().replace(/_/g, "-").split("-");
  const primary = (parts[0] ?? "").toLowerCase();
  const language = NEWS_LANGUAGES.has(primary) ? (primary as NewsLanguage) : FRANC_CODES[primary];
  if (!language) return null;
  const scriptPart = parts.slice(1).find((p) => /^(latn|cyrl)$/i.test(p));
  const script: NewsScript = scriptPart
    ? scriptPart.toLowerCase() === "cyrl"
      ? "Cyrl"
      : "Latn"
    : letterCount(text) > 0
      ? scriptOf(text)
      : language === "mk"
        ? "Cyrl"
        : "Latn";
  return { language, script, tag: languageTag(language, script), confidence: 1 };
}

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

/** Cyrillic letters shaped like Latin ones, as pasted into Latin web text ("sаrаdnjа"). */
const HOMOGLYPHS: Record<string, string> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
};

function foldHomoglyphs(lowercase: string): string {
  return lowercase.replace(/[аеорсухіјѕ]/g, (ch) => HOMOGLYPHS[ch] ?? ch);
}

/** A marker: a whole word, or (ending in "*") any word starting with the stem, and its weight. */
type Markers = readonly (readonly [string, number])[];

/** Each marker counts at most this many times, so one repeated word does not decide alone. */
const MARKER_CAP = 4;

function markerScore(words: readonly string[], markers: Markers): number {
  let score = 0;
  for (const [marker, weight] of markers) {
    const stem = marker.endsWith("*") ? marker.slice(0, -1) : null;
    let hits = 0;
    for (const word of words) {
      if (stem ? word.startsWith(stem) : word === marker) hits++;
      if (hits === MARKER_CAP) break;
    }
    score += hits * weight;
  }
  return score;
}

function countMatches(text: string, pattern: RegExp): number {
  return Math.min(text.match(pattern)?.length ?? 0, MARKER_CAP);
}

// Slovene against Serbo-Croatian (Latin): function words differ ("in"/"i", "v"/"u", "so"/"su",
// "ki"/"koji"), as do the words for municipality and cooperation; ć and đ are not Slovene.
const SLOVENE: Markers = [
  ["in", 1.5],
  ["v", 1],
  ["z", 1],
  ["so", 1.5],
  ["ki", 2],
  ["sta", 2],
  ["tudi", 2],
  ["ter", 1.5],
  ["bo", 1.5],
  ["bodo", 2],
  ["bil", 1],
  ["kjer", 2],
  ["ker", 1.5],
  ["kot", 1.5],
  ["zelo", 2],
  ["že", 1],
  ["danes", 2],
  ["včeraj", 2],
  ["oziroma", 2],
  ["vendar", 2],
  ["občin*", 2],
  ["mestn*", 1.5],
  ["sodelovanj*", 2],
  ["pobraten*", 2],
  ["obisk*", 2],
  ["župan*", 0.5],
];
const SERBO_CROATIAN: Markers = [
  ["i", 1.5],
  ["u", 1],
  ["su", 1.5],
  ["sa", 1],
  ["bio", 1.5],
  ["koji", 1.5],
  ["koja", 1.5],
  ["koje", 1.5],
  ["kojem", 1.5],
  ["kao", 1.5],
  ["nije", 1],
  ["godine", 2],
  ["godina", 2],
  ["godinu", 2],
  ["između", 2],
  ["tokom", 2],
  ["gradonačelnik*", 2],
  ["grada", 1],
  ["gradu", 1],
];

// Ijekavian (Croatian, Bosnian, also Montenegrin and the Serbian of Republika Srpska) against
// ekavian (Serbia) reflexes of the same words.
const IJEKAVIAN: Markers = [
  ["mjest*", 2],
  ["mjesn*", 2],
  ["rijek*", 2],
  ["lijep*", 2],
  ["vrijem*", 2],
  ["vrijed*", 2],
  ["predsjedn*", 2],
  ["mjesec*", 2],
  ["mjeseč*", 2],
  ["djec*", 2],
  ["dio", 1.5],
  ["dijel*", 2],
  ["svijet*", 2],
  ["posjet*", 2],
  ["posjeć*", 2],
  ["dvije", 2],
  ["cijel*", 2],
  ["primjer*", 2],
  ["sjedišt*", 2],
  ["vijeć*", 2],
  ["vijest*", 2],
  ["tijek*", 2],
  ["umjet*", 2],
  ["savjet*", 2],
  ["pobjed*", 2],
  ["susjed*", 2],
  ["sljedeć*", 2],
  ["djelovanj*", 2],
  ["djelatn*", 2],
  ["ponedjelj*", 2],
  ["obiljež*", 2],
  ["uvjeren*", 2],
  ["ocjen*", 2],
  ["riječ*", 2],
  ["uspjeh*", 2],
  ["uspješ*", 2],
  ["osjeć*", 2],
  ["smjer*", 2],
  ["srijed*", 2],
  ["nedjelj*", 2],
];
const EKAVIAN: Markers = [
  ["mest*", 2],
  ["mesn*", 2],
  ["reka", 2],
  ["reke", 2],
  ["lep*", 1.5],
  ["vreme*", 2],
  ["vredn*", 2],
  ["predsedn*", 2],
  ["mesec*", 2],
  ["meseč*", 2],
  ["deca", 2],
  ["dece", 2],
  ["deo", 1.5],
  ["dela", 1],
  ["poset*", 2],
  ["dve", 2],
  ["ceo", 2],
  ["celog", 2],
  ["primer*", 2],
  ["sedišt*", 2],
  ["vest", 1.5],
  ["vesti", 1.5],
  ["umetn*", 2],
  ["savet*", 2],
  ["pobed*", 2],
  ["sused*", 2],
  ["sledeć*", 2],
  ["delovanj*", 2],
  ["delatn*", 2],
  ["ponedelj*", 2],
  ["obelež*", 2],
  ["uveren*", 2],
  ["ocen*", 2],
  ["reč", 2],
  ["reči", 2],
  ["uspeh*", 2],
  ["uspeš*", 2],
  ["oseć*", 2],
  ["smer*", 2],
  ["sreda", 2],
  ["sredu", 2],
  ["nedelj*", 2],
];
// Lexical choices: Serbian (several shared with Bosnian), Croatian, and the few that are Bosnian.
const SERBIAN_WORDS: Markers = [
  ["opštin*", 3],
  ["opstin*", 2],
  ["saradn*", 2.5],
  ["sarađ*", 2.5],
  ["hiljad*", 2],
  ["takođe", 2],
  ["ambasad*", 1],
  ["evrop*", 1.5],
  ["istorij*", 2],
  ["univerzitet*", 1],
  ["porodic*", 1],
  ["ko", 1],
  ["šta", 1],
  ["uopšte", 2],
  ["opšt*", 1],
  ["pozorišt*", 1.5],
  ["tačno", 1],
  ["učešć*", 1],
  // the international month names (Croatian has its own, below)
  ["januar*", 1],
  ["februar*", 1],
  ["mart", 1],
  ["martu", 1],
  ["jun", 1],
  ["juna", 1],
  ["jul", 1],
  ["jula", 1],
  ["avgust*", 1],
  ["septemb*", 1],
  ["oktob*", 1],
  ["novemb*", 1],
  ["decemb*", 1],
];
const CROATIAN_WORDS: Markers = [
  ["općin*", 3],
  ["surad*", 2.5],
  ["tisuć*", 2],
  ["također", 2],
  ["tijekom", 2],
  ["veleposlan*", 2],
  ["europ*", 1.5],
  ["povijest*", 2],
  ["sveučilišt*", 2],
  ["obitelj*", 1.5],
  ["tko", 1.5],
  ["glazb*", 1.5],
  ["kazališt*", 1.5],
  ["točno", 1],
  ["sudjelov*", 1.5],
  ["tjedan*", 1.5],
  ["izvješć*", 1.5],
  ["tvrtk*", 1.5],
  ["ravnatelj*", 1.5],
  ["siječ*", 2],
  ["veljač*", 2],
  ["ožuj*", 2],
  ["travn*", 2],
  ["svibn*", 2],
  ["lipnj*", 2],
  ["srpnj*", 2],
  ["kolovoz*", 2],
  ["rujn*", 2],
  ["listopad*", 2],
  ["studenog*", 2],
  ["prosin*", 2],
];
const BOSNIAN_WORDS: Markers = [
  ["historij*", 2],
  ["sedmic*", 1.5],
  ["kahv*", 1],
  ["hljeb*", 1],
];

// Macedonian against Serbian Cyrillic: letters ќ ѓ ѕ (and ѐ ѝ) are Macedonian only, ћ ђ Serbian
// only; "во"/"у" (in), "е"/"је" (is), "со"/"са" (with), the clitics "го"/"ги", past "беше"/"беа",
// the definite article suffix -от, and the words for mayor, president and cooperation.
const MACEDONIAN: Markers = [
  ["во", 2],
  ["со", 2],
  ["е", 1.5],
  ["го", 1.5],
  ["ги", 1.5],
  ["тоа", 2],
  ["тој", 2],
  ["беше", 2],
  ["беа", 2],
  ["денес", 2],
  ["вчера", 2],
  ["овој", 1.5],
  ["кое", 1],
  ["соработ*", 2.5],
  ["градоначалник*", 3],
  ["претседател*", 2.5],
  ["меѓу", 2],
  ["ќе", 2],
];
const SERBIAN_CYRILLIC: Markers = [
  ["у", 1.5],
  ["је", 1.5],
  ["су", 1.5],
  ["са", 1],
  ["ће", 2],
  ["који", 1.5],
  ["које", 1.5],
  ["сарадњ*", 2.5],
  ["сарађ*", 2.5],
  ["градоначелник*", 3],
  ["председник*", 2.5],
  ["предсједник*", 2.5],
  ["јуче", 2],
  ["данас", 2],
  ["хиљад*", 2],
  ["између", 2],
  ["године", 1.5],
];

function margin(winner: number, runnerUp: number): number {
  return Math.min(0.97, 0.55 + (0.45 * (winner - runnerUp)) / (winner + runnerUp + 2));
}

interface Verdict {
  language: NewsLanguage;
  confidence: number;
}

function macedonianOrSerbian(text: string, words: string[], francBest: string): Verdict {
  const mk = markerScore(words, MACEDONIAN) + 3 * countMatches(text, /[ќѓѕЌЃЅѐѝ]/gu);
  const mkSuffix = words.filter((w) => w.length > 4 && w.endsWith("от")).length;
  const mkScore = mk + Math.min(mkSuffix, MARKER_CAP);
  const srScore = markerScore(words, SERBIAN_CYRILLIC) + 3 * countMatches(text, /[ћђЋЂ]/gu);
  if (mkScore === srScore) return { language: francBest === "mkd" ? "mk" : "sr", confidence: 0.5 };
  return mkScore > srScore
    ? { language: "mk", confidence: margin(mkScore, srScore) }
    : { language: "sr", confidence: margin(srScore, mkScore) };
}

/** Serbian, Croatian or Bosnian in Latin letters (Slovene already ruled out). */
function serboCroatian(words: string[], francBest: string): Verdict {
  const ijekavian = markerScore(words, IJEKAVIAN);
  const ekavian = markerScore(words, EKAVIAN);
  const serbian = markerScore(words, SERBIAN_WORDS);
  const croatian = markerScore(words, CROATIAN_WORDS);
  const bosnian = markerScore(words, BOSNIAN_WORDS);
  if (ekavian > ijekavian) {
    // Only Serbian is ekavian; Croatian words in an ekavian text are quotes or names.
    return { language: "sr", confidence: margin(ekavian + serbian, ijekavian + croatian) };
  }
  // "općina" (the Federation's word, shared with Croatian) next to "saradnja"/"hiljada" (shared
  // with Serbian, never Croatian) is the Bosnian mix.
  const saysOpcina = words.some((w) => w.startsWith("općin"));
  const bosnianMix = saysOpcina && words.some((w) => /^(saradn|sarađ|hiljad|historij)/.test(w));
  if (ijekavian >= ekavian && bosnianMix) {
    return { language: "bs", confidence: margin(serbian + bosnian + ijekavian, ekavian + 2) };
  }
  if (ijekavian > ekavian) {
    if (croatian >= serbian + bosnian) {
      return { language: "hr", confidence: margin(ijekavian + croatian, ekavian + serbian) };
    }
    // Ijekavian with Serbian-Bosnian words: Bosnian, unless it says "opština" and never
    // "općina" (the Serbian of Republika Srpska and Montenegro writes ijekavian too).
    const saysOpstina = words.some((w) => w.startsWith("opštin"));
    const language: NewsLanguage = saysOpstina && !saysOpcina && bosnian === 0 ? "sr" : "bs";
    return { language, confidence: 0.5 * margin(serbian + bosnian, croatian) + 0.2 };
  }
  // No reflex either way: the lexical markers, else franc (whose Bosnian we read as Croatian).
  const best = Math.max(serbian, croatian, bosnian);
  if (best > 0) {
    if (bosnian === best && bosnian > serbian && bosnian > croatian) {
      return { language: "bs", confidence: margin(bosnian, Math.max(serbian, croatian)) };
    }
    if (serbian > croatian) return { language: "sr", confidence: margin(serbian, croatian) };
    if (croatian > serbian) return { language: "hr", confidence: margin(croatian, serbian) };
  }
  return { language: francBest === "srp" ? "sr" : "hr", confidence: 0.4 };
}

/**
 * The language of a text: `hint` (a caller's BCP 47 tag) wins when it names one of the eight
 * languages. Otherwise franc ranks the eight; French, German or English are taken from it, while
 * within the South Slavic languages the markers above decide (franc only breaks ties). Fewer than
 * ten letters, or a text franc places clearly in another language, gives "und".
 */
export async function detectLanguage(text: string, hint?: string | null): Promise<DetectedLanguage> {
  const hinted = hint ? fromHint(hint, text) : null;
  if (hinted) return hinted;
  const script = scriptOf(text);
  const letters = letterCount(text);
  const undetermined: DetectedLanguage = { language: "und", script, tag: "und", confidence: 0.1 };
  if (letters < MIN_LETTERS) return undetermined;

  const { francAll } = await loadFranc();
  const ranking = francAll(text, { minLength: MIN_LETTERS });
  const ours = ranking.filter(([code]) => code in FRANC_CODES);
  const best = ours[0];
  if (!best || best[0] === "und" || best[1] < OTHER_LANGUAGE_RATIO) return undetermined;
  const francLanguage = FRANC_CODES[best[0]] as NewsLanguage;
  const shortness = letters < SHORT_LETTERS ? 0.75 : 1;

  const lower = text.toLowerCase();
  const words = (script === "Latn" ? foldHomoglyphs(lower) : lower).match(/\p{L}+/gu) ?? [];
  let verdict: Verdict;
  if (script === "Cyrl") {
    verdict = macedonianOrSerbian(text, words, best[0]);
  } else if (!SOUTH_SLAVIC.has(francLanguage)) {
    const second = ours[1]?.[1] ?? 0;
    verdict = { language: francLanguage, confidence: Math.min(0.97, 0.5 + (best[1] - second)) };
  } else {
    const slovene = markerScore(words, SLOVENE) + (best[0] === "slv" ? 1 : 0);
    const serboCroat =
      markerScore(words, SERBO_CROATIAN) + 1.5 * countMatches(text, /[ćđĆĐ]/gu) + (best[0] === "slv" ? 0 : 1);
    verdict =
      slovene > serboCroat
        ? { language: "sl", confidence: margin(slovene, serboCroat) }
        : serboCroatian(words, best[0]);
  }
  const confidence = Math.round(verdict.confidence * shortness * 100) / 100;
  return { language: verdict.language, script, tag: languageTag(verdict.language, script), confidence };
}
