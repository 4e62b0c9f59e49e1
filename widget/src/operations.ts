// The widget's GraphQL operations: the one place their text lives. The widget sends them by hash
// (persisted queries) and the gateway safelists exactly these texts, so a change here changes both.

export interface PersistedOperation {
  name: string;
  body: string;
}

export const TWIN_PARTNERSHIPS: PersistedOperation = {
  name: "TwinPartnerships",
  body: /* GraphQL */ `query TwinPartnerships($city: ID!, $lang: String!) {
  city(id: $city) {
    id
    name
    displayName: nameIn(language: $lang)
    latitude
    longitude
    country { code name }
    partnerships {
      id
      name
      kind
      status
      since
      until
      cities {
        id
        name
        displayName: nameIn(language: $lang)
        latitude
        longitude
        country { code name }
      }
      visits { id date host { id displayName: nameIn(language: $lang) } purpose }
      projects { id acronym title start end programme { name } }
      sources { document url }
    }
  }
}`,
};

export const WIDGET_OPERATIONS: readonly PersistedOperation[] = [TWIN_PARTNERSHIPS];
