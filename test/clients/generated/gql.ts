/* eslint-disable */
import * as types from './graphql';
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "# A city's card, as a tooltip or a link preview shows it; a client that has read the city before\n# (as a partner on another city's page) can answer it from its cache.\nquery CityCard($id: ID!, $language: String!) {\n  city(id: $id) {\n    id\n    name\n    displayName: nameIn(language: $language)\n    country {\n      code\n      name\n    }\n  }\n}\n": typeof types.CityCardDocument,
    "# A city page: the city and its partnerships, every place named as a reader of the page's language\n# would write it (Villach is \"Beljak\" on a Slovene page).\nquery CityPartners($id: ID!, $language: String!) {\n  city(id: $id) {\n    id\n    name\n    displayName: nameIn(language: $language)\n    country {\n      code\n      name\n    }\n    partnerships {\n      id\n      kind\n      status\n      since\n      until\n      cities {\n        id\n        name\n        displayName: nameIn(language: $language)\n        country {\n          code\n          name\n        }\n      }\n    }\n  }\n}\n": typeof types.CityPartnersDocument,
    "# The search box: places by any name or alias people write, the best match first.\nquery CitySearch($name: String!, $country: String, $first: Int) {\n  findCities(name: $name, country: $country, first: $first) {\n    id\n    name\n    localName\n    country {\n      code\n      name\n    }\n  }\n}\n": typeof types.CitySearchDocument,
    "# The dossier of a twinning: the partnership that joins the given cities, its visits and where each\n# fact comes from.\nquery TwinningDossier($cityIds: [ID!]!, $language: String!) {\n  partnershipBetween(cityIds: $cityIds) {\n    id\n    kind\n    status\n    since\n    until\n    distanceKm\n    cities {\n      id\n      name\n      displayName: nameIn(language: $language)\n    }\n    visits {\n      id\n      date\n      purpose\n      host {\n        id\n        name\n      }\n      visitors {\n        id\n        name\n      }\n    }\n    sources {\n      document\n      url\n    }\n  }\n}\n": typeof types.TwinningDossierDocument,
};
const documents: Documents = {
    "# A city's card, as a tooltip or a link preview shows it; a client that has read the city before\n# (as a partner on another city's page) can answer it from its cache.\nquery CityCard($id: ID!, $language: String!) {\n  city(id: $id) {\n    id\n    name\n    displayName: nameIn(language: $language)\n    country {\n      code\n      name\n    }\n  }\n}\n": types.CityCardDocument,
    "# A city page: the city and its partnerships, every place named as a reader of the page's language\n# would write it (Villach is \"Beljak\" on a Slovene page).\nquery CityPartners($id: ID!, $language: String!) {\n  city(id: $id) {\n    id\n    name\n    displayName: nameIn(language: $language)\n    country {\n      code\n      name\n    }\n    partnerships {\n      id\n      kind\n      status\n      since\n      until\n      cities {\n        id\n        name\n        displayName: nameIn(language: $language)\n        country {\n          code\n          name\n        }\n      }\n    }\n  }\n}\n": types.CityPartnersDocument,
    "# The search box: places by any name or alias people write, the best match first.\nquery CitySearch($name: String!, $country: String, $first: Int) {\n  findCities(name: $name, country: $country, first: $first) {\n    id\n    name\n    localName\n    country {\n      code\n      name\n    }\n  }\n}\n": types.CitySearchDocument,
    "# The dossier of a twinning: the partnership that joins the given cities, its visits and where each\n# fact comes from.\nquery TwinningDossier($cityIds: [ID!]!, $language: String!) {\n  partnershipBetween(cityIds: $cityIds) {\n    id\n    kind\n    status\n    since\n    until\n    distanceKm\n    cities {\n      id\n      name\n      displayName: nameIn(language: $language)\n    }\n    visits {\n      id\n      date\n      purpose\n      host {\n        id\n        name\n      }\n      visitors {\n        id\n        name\n      }\n    }\n    sources {\n      document\n      url\n    }\n  }\n}\n": types.TwinningDossierDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "# A city's card, as a tooltip or a link preview shows it; a client that has read the city before\n# (as a partner on another city's page) can answer it from its cache.\nquery CityCard($id: ID!, $language: String!) {\n  city(id: $id) {\n    id\n    name\n    displayName: nameIn(language: $language)\n    country {\n      code\n      name\n    }\n  }\n}\n"): (typeof documents)["# A city's card, as a tooltip or a link preview shows it; a client that has read the city before\n# (as a partner on another city's page) can answer it from its cache.\nquery CityCard($id: ID!, $language: String!) {\n  city(id: $id) {\n    id\n    name\n    displayName: nameIn(language: $language)\n    country {\n      code\n      name\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "# A city page: the city and its partnerships, every place named as a reader of the page's language\n# would write it (Villach is \"Beljak\" on a Slovene page).\nquery CityPartners($id: ID!, $language: String!) {\n  city(id: $id) {\n    id\n    name\n    displayName: nameIn(language: $language)\n    country {\n      code\n      name\n    }\n    partnerships {\n      id\n      kind\n      status\n      since\n      until\n      cities {\n        id\n        name\n        displayName: nameIn(language: $language)\n        country {\n          code\n          name\n        }\n      }\n    }\n  }\n}\n"): (typeof documents)["# A city page: the city and its partnerships, every place named as a reader of the page's language\n# would write it (Villach is \"Beljak\" on a Slovene page).\nquery CityPartners($id: ID!, $language: String!) {\n  city(id: $id) {\n    id\n    name\n    displayName: nameIn(language: $language)\n    country {\n      code\n      name\n    }\n    partnerships {\n      id\n      kind\n      status\n      since\n      until\n      cities {\n        id\n        name\n        displayName: nameIn(language: $language)\n        country {\n          code\n          name\n        }\n      }\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "# The search box: places by any name or alias people write, the best match first.\nquery CitySearch($name: String!, $country: String, $first: Int) {\n  findCities(name: $name, country: $country, first: $first) {\n    id\n    name\n    localName\n    country {\n      code\n      name\n    }\n  }\n}\n"): (typeof documents)["# The search box: places by any name or alias people write, the best match first.\nquery CitySearch($name: String!, $country: String, $first: Int) {\n  findCities(name: $name, country: $country, first: $first) {\n    id\n    name\n    localName\n    country {\n      code\n      name\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "# The dossier of a twinning: the partnership that joins the given cities, its visits and where each\n# fact comes from.\nquery TwinningDossier($cityIds: [ID!]!, $language: String!) {\n  partnershipBetween(cityIds: $cityIds) {\n    id\n    kind\n    status\n    since\n    until\n    distanceKm\n    cities {\n      id\n      name\n      displayName: nameIn(language: $language)\n    }\n    visits {\n      id\n      date\n      purpose\n      host {\n        id\n        name\n      }\n      visitors {\n        id\n        name\n      }\n    }\n    sources {\n      document\n      url\n    }\n  }\n}\n"): (typeof documents)["# The dossier of a twinning: the partnership that joins the given cities, its visits and where each\n# fact comes from.\nquery TwinningDossier($cityIds: [ID!]!, $language: String!) {\n  partnershipBetween(cityIds: $cityIds) {\n    id\n    kind\n    status\n    since\n    until\n    distanceKm\n    cities {\n      id\n      name\n      displayName: nameIn(language: $language)\n    }\n    visits {\n      id\n      date\n      purpose\n      host {\n        id\n        name\n      }\n      visitors {\n        id\n        name\n      }\n    }\n    sources {\n      document\n      url\n    }\n  }\n}\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;