// Country is a value type every subgraph can return; names come from the maintained
// i18n-iso-countries tables, never from a hand-written list.
import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";
import { Directive, Field, ObjectType } from "type-graphql";

countries.registerLocale(english);

@Directive("@shareable")
@ObjectType({ description: "A country, ISO 3166-1." })
export class Country {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2: "SI"' })
  code!: string;

  @Field(() => String, { description: 'English short name: "Slovenia"' })
  name!: string;
}

export function isCountryCode(code: string): boolean {
  return countries.isValid(code.toUpperCase()) && /^[A-Za-z]{2}$/.test(code);
}

export function countryOf(code: string): Country {
  const upper = code.toUpperCase();
  return { code: upper, name: shortName(upper) };
}

/** The common short name where the tables have a usable one ("Russia", "Czechia"), else the official one. */
function shortName(code: string): string {
  const alias = countries.getName(code, "en", { select: "alias" });
  if (alias && alias.length > 3 && !alias.includes(",")) return alias;
  return countries.getName(code, "en") ?? code;
}

export function countryOrNull(code: string | null | undefined): Country | null {
  return code ? countryOf(code) : null;
}

/** English or native country name to alpha-2, or undefined when the tables do not know it. */
export function countryCodeFromName(name: string): string | undefined {
  return countries.getAlpha2Code(name, "en") ?? undefined;
}
