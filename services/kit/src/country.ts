// Country is a value type every subgraph can return, named from the maintained tables.
import { Directive, Field, ObjectType } from "type-graphql";
import { countryName } from "./countries";

@Directive("@shareable")
@ObjectType({ description: "A country, ISO 3166-1." })
export class Country {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2: "SI"' })
  code!: string;

  @Field(() => String, { description: 'English short name: "Slovenia"' })
  name!: string;
}

export function countryOf(code: string): Country {
  const upper = code.toUpperCase();
  return { code: upper, name: countryName(upper) };
}

export function countryOrNull(code: string | null | undefined): Country | null {
  return code ? countryOf(code) : null;
}
