// What the query page opens with: the Kranj–Villach partnership dossier, the graph's showcase answer.

export const DOSSIER_QUERY = /* GraphQL */ `query Twinning($a: ID!, $b: ID!) {
  partnershipBetween(cityIds: [$a, $b]) {
    kind status since sources { document quote }
    cities { name aliases { name language } country { code } }
    agreements { title kind signedOn }
    projects { title programme { name } funds start end }
    visits { date host { name } visitors { name } delegation { name role } hosts { name role } purpose outcomes }
  }
}
`;

export const DOSSIER_VARIABLES = `{ "a": "at-villach", "b": "si-kranj" }`;
