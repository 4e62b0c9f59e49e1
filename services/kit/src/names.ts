// Name keys: how place names are compared (search, merging) and turned into readable ids; and name
// stems, which let the inflected forms of Slovene and Serbian texts ("v Kranju", "iz Kragujevca")
// meet the nominative a gazetteer holds.

/**
 * Cyrillic letters in the Latin a Serbian or Slovene text would use for them, written without
 * diacritics as keys are (č, ć -> c; ž -> z; š -> s), so that "Крагујевац" and "Kragujevac" share a
 * key. Serbian first; Russian, Ukrainian, Belarusian and Macedonian letters as Slovene and Serbian
 * transcribe them (й -> j, я -> ja, щ -> šč). ђ is "d" because the key already reads the Latin đ as
 * "d": Ђаково and Đakovo must meet, and changing đ would change existing keys and ids.
 */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  ђ: "d",
  е: "e",
  ж: "z",
  з: "z",
  и: "i",
  ј: "j",
  к: "k",
  л: "l",
  љ: "lj",
  м: "m",
  н: "n",
  њ: "nj",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  ћ: "c",
  у: "u",
  ф: "f",
  х: "h",
  ц: "c",
  ч: "c",
  џ: "dz",
  ш: "s",
  // Russian
  ё: "e",
  й: "j",
  щ: "sc",
  ъ: "",
  ы: "i",
  ь: "",
  э: "e",
  ю: "ju",
  я: "ja",
  // Ukrainian, Belarusian
  і: "i",
  ї: "ji",
  є: "je",
  ґ: "g",
  ў: "u",
  // Macedonian
  ѓ: "gj",
  ќ: "kj",
  ѕ: "dz",
};

const CYRILLIC_LETTER = /[\u0400-\u04ff]/u;
const CYRILLIC_LETTERS = /[\u0400-\u04ff]/gu;

/** Latin for Cyrillic; other text unchanged. Composed first, so that й stays one letter, not и + breve. */
function transliterate(name: string): string {
  // most names have no Cyrillic: skip the NFC pass, nameKey runs once per gazetteer name
  if (!CYRILLIC_LETTER.test(name)) return name;
  return name
    .normalize("NFC")
    .replace(CYRILLIC_LETTERS, (letter) => CYRILLIC[letter.toLowerCase()] ?? letter);
}

/**
 * Lower case, Latin for Cyrillic, without diacritics, punctuation collapsed to single spaces:
 * "Fürstenfeld" -> "furstenfeld", "Крагујевац" -> "kragujevac".
 */
export function nameKey(name: string): string {
  return transliterate(name)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐ]/g, "d")
    .replace(/[øØ]/g, "o")
    .replace(/[æÆ]/g, "ae")
    .replace(/ı/g, "i")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Case endings of Slovene and Serbian nouns and adjectives, longest first so that "Novega" loses
 * "ega", not just "a": -ama/-ima/-ami (instrumental and dative plural: Pljevljima), -ega/-emu/-oga/
 * -ome/-omu/-og (adjectives: Novega mesta, Novog Sada), -ah/-ih/-im/-om/-em/-oj (locative,
 * instrumental: Trbovljah, Novom Sadu, Kranjem, Sremskoj Mitrovici) and the single vowels
 * (Kranju, Beljaka, Moskvi, Ljubljano, Velenje).
 */
export const CASE_ENDINGS: readonly string[] = [
  "ama",
  "ima",
  "ami",
  "ega",
  "emu",
  "oga",
  "ome",
  "omu",
  "og",
  "ah",
  "ih",
  "im",
  "om",
  "em",
  "oj",
  "a",
  "e",
  "i",
  "o",
  "u",
];

/** Shorter stems would merge unrelated short names ("Ada" and "Adi" stay apart). */
const MIN_STEM = 3;

/** A consonant (a letter other than a, e, i, o, u), then a fleeting a or e, then a consonant, at the end. */
const FLEETING_VOWEL = /([^aeiou\P{L}])[ae]([^aeiou\P{L}])$/u;

/**
 * One word's stem: without its case ending, without a fleeting a/e before the last consonant, and
 * with a final k, g or h softened. The fleeting vowel is dropped from every stem, nominative or not,
 * because the nominative keeps it and the other cases lose it (Kragujevac/Kragujevca,
 * Celovec/Celovcu, Čačak/Čačku): dropping it everywhere makes both sides meet. Stems need not be
 * words ("Beljak", "Beljaka" -> "beljc"); they only have to be the same on both sides.
 */
function wordStem(word: string): string {
  let stem = word;
  for (const ending of CASE_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) {
      stem = word.slice(0, -ending.length);
      break;
    }
  }
  // shorter stems keep the vowel: "Sad" would become "sd" and meet "Sed", "Sid"...
  if (stem.length >= 5) stem = stem.replace(FLEETING_VOWEL, "$1$2");
  // Serbian turns k, g, h into c, z, s before the -i of the dative and locative (Banja Luka, u Banjoj
  // Luci; Rijeka, u Rijeci): every stem ends in the softened letter, so both meet
  return stem.replace(/[kgh]$/, (letter) => SOFTENED[letter]);
}

const SOFTENED: Readonly<Record<string, string>> = { k: "c", g: "z", h: "s" };

/**
 * The name key with each word reduced to its stem: "Kragujevcu" and "Kragujevac" -> "kragujevc",
 * "Novom Sadu" and "Novi Sad" -> "nov sad", "Banjoj Luci" and "Banja Luka" -> "banj luc". A crude
 * stemmer on purpose: the same function is applied to the names searched and to the query, so a
 * form only has to reduce to what its nominative reduces to, not to the grammatical stem.
 */
export function nameStem(name: string): string {
  return keyStem(nameKey(name));
}

/** nameStem of a name whose nameKey is already known: indexes of many names compute the key once. */
export function keyStem(key: string): string {
  return key.split(" ").map(wordStem).join(" ");
}

/** "Sremska Mitrovica" -> "sremska-mitrovica" */
export function slug(name: string): string {
  return nameKey(name).replace(/ /g, "-");
}

/** Stable city id: "<iso2 lower>-<slug>", e.g. "at-villach". */
export function cityId(countryCode: string, name: string): string {
  return `${countryCode.toLowerCase()}-${slug(name)}`;
}
