// Serbian is written in two alphabets letter for letter (Vuk Karadžić's Cyrillic, Gaj's Latin), so a
// name given in one can be shown in the other: "Siren" <-> "Сирен", "Крагујевац" <-> "Kragujevac".

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  ђ: "đ",
  е: "e",
  ж: "ž",
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
  ћ: "ć",
  у: "u",
  ф: "f",
  х: "h",
  ц: "c",
  ч: "č",
  џ: "dž",
  ш: "š",
};

const LATIN_TO_CYRILLIC: ReadonlyMap<string, string> = new Map(
  Object.entries(CYRILLIC_TO_LATIN).map(([cyrillic, latin]) => [latin, cyrillic]),
);

/** the digraphs first, so that "lj" is љ and not л + ј */
const LATIN_LETTER = /dž|lj|nj|[a-zčćđšž]/giu;
const CYRILLIC_LETTER = /[а-шђјљњћџ]/giu;

function withCaseOf(source: string, letters: string): string {
  if (source === source.toLowerCase()) return letters;
  // a capital digraph's second letter follows the word: "Lj" in "Ljubljana", "LJ" in capitals
  return source.length > 1 && source[1] === source[1].toLowerCase()
    ? letters[0].toUpperCase() + letters.slice(1)
    : letters.toUpperCase();
}

export function serbianToCyrillic(name: string): string {
  return name.replace(LATIN_LETTER, (letter) =>
    withCaseOf(letter, LATIN_TO_CYRILLIC.get(letter.toLowerCase()) ?? letter),
  );
}

/** a capital Љ, Њ or Џ becomes "Lj", "Nj", "Dž", as at the start of a name */
export function serbianToLatin(name: string): string {
  return name.replace(CYRILLIC_LETTER, (letter) => {
    const latin = CYRILLIC_TO_LATIN[letter.toLowerCase()] ?? letter;
    return letter === letter.toLowerCase() ? latin : latin[0].toUpperCase() + latin.slice(1);
  });
}
