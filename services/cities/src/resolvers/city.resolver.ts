// Queries over cities and the fields that need a lookup. Lists and searches leave deprecated cities
// out unless asked; a lookup by id (here and from other subgraphs) still returns one, with its rank.
import {
  checkCountry,
  checkFirst,
  checkIdList,
  checkListLength,
  checkNonEmpty,
  checkOffset,
  checkTextLength,
  MAX_COUNTRY_ARGUMENT,
  RecordRank,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { In } from "typeorm";
import { City } from "../entities/city.entity";
import { CityName } from "../entities/city-name.entity";
import { aliasLoader, cityLoader, namesInLanguageLoader } from "./city.loaders";
import { MAX_SEARCH_NAME, type NameMatch, searchCityIds } from "./city-search";
import { checkLanguageTag, nameInLanguage } from "./name-in-language";

@ObjectType({ description: "A city found by name, with how well the name matched." })
export class CityMatch {
  @Field(() => City)
  city!: City;

  @Field(() => Float, {
    description:
      "0..1: 1 for a city's whole name, 0.97 for a whole alias from the sources, 0.9 for a whole " +
      "gazetteer name; up to 0.95 for an inflected form (Kranju for Kranj), up to 0.65 for the start " +
      "of a name, up to 0.35 for a word inside a name; the more of the name the query covers, the higher",
  })
  score!: number;

  @Field(() => String, { description: 'the name or alias that matched, as written: "Beljak" for "Beljaka"' })
  matchedName!: string;
}

const INCLUDE_DEPRECATED = "also cities deprecated as wrong, which are left out by default";

@Resolver(() => City)
export class CityResolver {
  @Query(() => City, { nullable: true })
  city(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<City | null> {
    return cityLoader(context).load(id);
  }

  @Query(() => [City], {
    description:
      "any name or alias, case- and diacritic-insensitive, Cyrillic or Latin, in any Slovene or " +
      "Serbian case form, best match first",
  })
  async findCities(
    @Arg("name", () => String) name: string,
    @Arg("country", () => String, { nullable: true, description: "ISO 3166-1 alpha-2 code or English name" })
    country: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("includeDeprecated", () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: INCLUDE_DEPRECATED,
    })
    includeDeprecated: boolean | null,
    @Ctx() context: SubgraphContext,
  ): Promise<City[]> {
    const matches = await this.searchCities(name, country, first, includeDeprecated, context);
    return matches.map((match) => match.city);
  }

  @Query(() => [CityMatch], {
    description: "as findCities, with each match's score and the name that matched",
  })
  async searchCities(
    @Arg("name", () => String) name: string,
    @Arg("country", () => String, { nullable: true, description: "ISO 3166-1 alpha-2 code or English name" })
    country: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("includeDeprecated", () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: INCLUDE_DEPRECATED,
    })
    includeDeprecated: boolean | null,
    @Ctx() context: SubgraphContext,
  ): Promise<CityMatch[]> {
    checkNonEmpty(checkTextLength(name, "name", MAX_SEARCH_NAME), "name");
    checkFirst(first);
    const countryCode = checkCountry(checkTextLength(country, "country", MAX_COUNTRY_ARGUMENT));
    const matches = await searchCityIds(context.db, name, {
      countryCode,
      first,
      includeDeprecated: includeDeprecated ?? false,
    });
    const cities = await cityLoader(context).loadMany(matches.map((match) => match.cityId));
    return matches.flatMap((match: NameMatch, index) => {
      const city = cities[index];
      return city instanceof City ? [Object.assign(new CityMatch(), { ...match, city })] : [];
    });
  }

  @Query(() => [City], { description: "cities by id or country, in id order" })
  async cities(
    @Arg("ids", () => [ID], { nullable: true }) ids: string[] | null,
    @Arg("country", () => String, { nullable: true }) country: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
    @Arg("includeDeprecated", () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: INCLUDE_DEPRECATED,
    })
    includeDeprecated: boolean | null,
    @Ctx() context: SubgraphContext,
  ): Promise<City[]> {
    checkFirst(first);
    checkOffset(offset);
    if (ids) checkIdList(checkListLength(ids, "ids"), "ids", 1);
    const countryCode = checkCountry(checkTextLength(country, "country", MAX_COUNTRY_ARGUMENT));
    return context.db.getRepository(City).find({
      where: {
        ...(ids ? { id: In(ids) } : {}),
        ...(countryCode ? { countryCode } : {}),
        ...(includeDeprecated ? {} : { rank: RecordRank.NORMAL }),
      },
      order: { id: "ASC" },
      take: first,
      skip: offset,
    });
  }

  @FieldResolver(() => [CityName], {
    description: "every other name: exonyms, transcriptions, spellings met in sources",
  })
  aliases(@Root() city: City, @Ctx() context: SubgraphContext): Promise<CityName[]> {
    return aliasLoader(context).load(city.id);
  }

  @FieldResolver(() => String, {
    description:
      'the name to show on a page in this language (BCP 47: "sl", "sr-Latn"): its alias in that ' +
      "language where one exists, else its common name",
  })
  async nameIn(
    @Root() city: City,
    @Arg("language", () => String) language: string,
    @Ctx() context: SubgraphContext,
  ): Promise<string> {
    const requested = checkLanguageTag(language, "language");
    const names = await namesInLanguageLoader(context, requested.language).load(city.id);
    return nameInLanguage(city, names, requested);
  }
}
