// The name a page in a given language should show for a place: the alias in that language where one
// exists ("Beljak" for Villach on a Slovene page), else the common English name. Serbian pages get
// their own script, Cyrillic unless the tag says Latin, letter for letter from the other where needed.
import { badUserInput, checkTextLength } from "@twingraph/kit/subgraph";
import { serbianToCyrillic, serbianToLatin } from "./serbian-script";

/**
 * The longest language tag taken: RFC 5646 (4.4.1) asks implementations to take tags of at least
 * 35 characters, longer than any language, script and region tag in use ("sr-Latn-RS" is 10).
 */
const MAX_LANGUAGE_TAG = 35;

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;
const CYRILLIC = /\p{Script=Cyrillic}/u;
/** where a place's own (local) name is Serbian, when it is written in Cyrillic */
const SERBIAN_SPEAKING_COUNTRIES = new Set(["RS", "ME", "BA", "XK"]);

type Script = "latn" | "cyrl";

interface LanguageTag {
  tag: string;
  language: string;
  /** as the tag names it; for Serbian, CLDR's likely script when it names none */
  script?: Script;
}

/** An alias with its BCP 47 language tag, as a CityName has it. */
export interface LanguageName {
  name: string;
  language: string | null;
}

export interface NamedPlace {
  name: string;
  localName: string | null;
  countryCode: string;
}

export function checkLanguageTag(tag: string, argument: string): LanguageTag {
  if (!LANGUAGE_TAG.test(checkTextLength(tag, argument, MAX_LANGUAGE_TAG))) {
    throw badUserInput(argument, `must be a BCP 47 language tag such as "sl" or "sr-Latn", got "${tag}"`);
  }
  const [language, ...subtags] = tag.toLowerCase().split("-");
  const named = subtags.find((subtag) => subtag === "latn" || subtag === "cyrl") as Script | undefined;
  return { tag: tag.toLowerCase(), language, script: named ?? defaultScript(language, subtags) };
}

/** CLDR's likely script: Serbian is Cyrillic, but Latin in Montenegro (sr-ME) */
function defaultScript(language: string, subtags: readonly string[]): Script | undefined {
  if (language !== "sr") return undefined;
  return subtags.includes("me") ? "latn" : "cyrl";
}

function scriptOf(name: string): Script {
  return CYRILLIC.test(name) ? "cyrl" : "latn";
}

/**
 * An alias tagged with exactly the asked tag wins; then one in the same language, written in the
 * asked script where there is one. Aliases from the sources come before gazetteer names, as the
 * loader orders them; aliases in other languages may be left out by the caller.
 */
export function nameInLanguage(
  place: NamedPlace,
  aliases: readonly LanguageName[],
  requested: LanguageTag,
): string {
  const inLanguage = aliases.filter(
    (alias) => alias.language?.toLowerCase().split("-")[0] === requested.language,
  );
  const inScript = inLanguage.filter(
    (alias) => !requested.script || scriptOf(alias.name) === requested.script,
  );
  const exact = inScript.find((alias) => alias.language?.toLowerCase() === requested.tag);
  const found = exact ?? inScript[0];
  if (found) return found.name;
  if (requested.language === "sr" && requested.script)
    return serbianName(place, inLanguage, requested.script);
  return place.name;
}

/** A Serbian alias in the other script, else the place's own Serbian name, turned into this script. */
function serbianName(place: NamedPlace, serbianAliases: readonly LanguageName[], script: Script): string {
  const ownName =
    place.localName &&
    SERBIAN_SPEAKING_COUNTRIES.has(place.countryCode) &&
    scriptOf(place.localName) === "cyrl"
      ? place.localName
      : undefined;
  const source = serbianAliases[0]?.name ?? ownName;
  if (!source) return place.name;
  return script === "cyrl" ? serbianToCyrillic(source) : serbianToLatin(source);
}
