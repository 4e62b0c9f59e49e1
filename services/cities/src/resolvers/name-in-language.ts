// The name a page in a given language should show for a place: the alias in that language where one
// exists ("Beljak" for Villach on a Slovene page), else the common English name.
import { badUserInput } from "@twingraph/kit";
import type { CityName } from "../entities/city-name.entity";

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;
const CYRILLIC = /\p{Script=Cyrillic}/u;

interface LanguageTag {
  language: string;
  /** "latn" or "cyrl" when the tag names a script */
  script?: string;
}

export function checkLanguageTag(tag: string, argument: string): LanguageTag {
  if (!LANGUAGE_TAG.test(tag)) {
    throw badUserInput(argument, `must be a BCP 47 language tag such as "sl" or "sr-Latn", got "${tag}"`);
  }
  const [language, ...subtags] = tag.toLowerCase().split("-");
  const script = subtags.find((subtag) => subtag.length === 4);
  return { language, script };
}

function scriptOf(name: string): string {
  return CYRILLIC.test(name) ? "cyrl" : "latn";
}

/**
 * An alias tagged with exactly the asked tag wins; then one in the same language, written in the
 * asked script where the tag names one (a Serbian page in Latin script must not get "Беч").
 * Aliases from the sources come before gazetteer names, as the loader orders them.
 */
export function nameInLanguage(
  commonName: string,
  aliases: readonly CityName[],
  tag: string,
  requested: LanguageTag,
): string {
  const exact = aliases.find((alias) => alias.language?.toLowerCase() === tag.toLowerCase());
  if (exact) return exact.name;
  const sameLanguage = aliases.find((alias) => {
    const language = alias.language?.toLowerCase().split("-")[0];
    if (language !== requested.language) return false;
    return requested.script === undefined || scriptOf(alias.name) === requested.script;
  });
  return sameLanguage?.name ?? commonName;
}
