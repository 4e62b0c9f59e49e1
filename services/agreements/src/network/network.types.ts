// What network queries return. Places are City stubs: names and coordinates come from the cities
// subgraph through the gateway.
import { Country, Source } from "@twingraph/kit/subgraph";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { CityRef } from "../entities/city-ref";
import { PartnershipKind, PartnershipStatus } from "../entities/enums";
import type { PartnershipView } from "./data";

export enum CentralityMeasure {
  DEGREE = "degree",
  BETWEENNESS = "betweenness",
  CLOSENESS = "closeness",
}

registerEnumType(CentralityMeasure, {
  name: "CentralityMeasure",
  description: "how central a place is in the network",
  valuesConfig: {
    DEGREE: { description: "the number of distinct partner places" },
    BETWEENNESS: {
      description: "the share of shortest chains between other places that pass through it (normalised)",
    },
    CLOSENESS: {
      description: "inverse mean distance in partnerships to the places it reaches (Wasserman–Faust)",
    },
  },
});

export enum RankingMethod {
  DEGREE = "DEGREE",
  EXACT = "EXACT",
  SAMPLED = "SAMPLED",
}

registerEnumType(RankingMethod, {
  name: "RankingMethod",
  description: "how a ranking's scores were computed",
  valuesConfig: {
    DEGREE: { description: "counted: the number of distinct partner places" },
    EXACT: { description: "from a shortest-path search from every place (Brandes)" },
    SAMPLED: {
      description:
        "estimated from searches from `sampleSize` places drawn with a fixed seed, for views whose exact scores would take longer than a request may",
    },
  },
});

@ObjectType({ description: "A view of the partnership network: places joined by partnerships, filtered." })
export class Network {
  snapshot!: PartnershipView;

  @Field(() => String, { description: 'the filter in words: "country=SI", "whole network"' })
  description!: string;

  @Field(() => Int, { description: "places with at least one partnership in view" })
  nodeCount!: number;

  @Field(() => Int, {
    description: "partnership links: one per partnership and pair of its places (exports hold exactly these)",
  })
  edgeCount!: number;

  @Field(() => Int, { description: "pairs of places joined by one partnership or more" })
  pairCount!: number;

  @Field(() => Int, { description: "partnerships in view" })
  partnershipCount!: number;

  @Field(() => [Source], { description: "the documents and data sets these partnerships come from" })
  sources!: Source[];
}

@ObjectType({ description: "A place in the network." })
export class NetworkNode {
  @Field(() => CityRef)
  city!: CityRef;

  @Field(() => Int, { description: "distinct partner places in view" })
  degree!: number;
}

@ObjectType({ description: "A partnership between two of its places." })
export class NetworkLink {
  @Field(() => ID)
  partnershipId!: string;

  @Field(() => CityRef)
  source!: CityRef;

  @Field(() => CityRef)
  target!: CityRef;

  @Field(() => PartnershipKind)
  kind!: PartnershipKind;

  @Field(() => PartnershipStatus)
  status!: PartnershipStatus;

  @Field(() => String, { nullable: true })
  since!: string | null;

  @Field(() => String, { nullable: true })
  until!: string | null;

  @Field(() => Float, { nullable: true })
  distanceKm!: number | null;
}

@ObjectType({ description: "A place's place in a centrality ranking." })
export class RankedCity {
  @Field(() => Int, { description: "1 for the most central of the listed places" })
  rank!: number;

  @Field(() => CityRef)
  city!: CityRef;

  @Field(() => Float)
  score!: number;

  @Field(() => Int, { description: "distinct partner places in view" })
  degree!: number;

  @Field(() => RankingMethod, { description: "how the scores were computed" })
  method!: RankingMethod;

  @Field(() => Int, {
    nullable: true,
    description: "SAMPLED: the number of places the estimate searched from; null otherwise",
  })
  sampleSize!: number | null;
}

@ObjectType({ description: "One partnership of a chain, from one place to the next." })
export class PathStep {
  @Field(() => CityRef)
  from!: CityRef;

  @Field(() => CityRef)
  to!: CityRef;

  @Field(() => NetworkLink, { description: "the earliest known partnership between the two" })
  link!: NetworkLink;
}

@ObjectType({ description: "The shortest chain of partnerships from one place to another." })
export class PartnershipChain {
  @Field(() => Int, { description: "partnerships in the chain" })
  length!: number;

  @Field(() => [CityRef], { description: "the places in order, both ends included" })
  cities!: CityRef[];

  @Field(() => [PathStep])
  steps!: PathStep[];
}

@ObjectType({ description: "A place near another one, counted in partnerships." })
export class Neighbour {
  @Field(() => CityRef)
  city!: CityRef;

  @Field(() => Int, { description: "0 for the place itself" })
  hops!: number;
}

@ObjectType({ description: "The places within some partnerships of one place, and the links among them." })
export class Neighbourhood {
  @Field(() => Int)
  cityCount!: number;

  @Field(() => Int)
  linkCount!: number;

  @Field(() => [Neighbour], { description: "nearest first, up to `first`" })
  cities!: Neighbour[];

  @Field(() => [NetworkLink], { description: "links among the listed places" })
  links!: NetworkLink[];
}

@ObjectType({ description: "A component or community of places." })
export class NetworkGroup {
  @Field(() => Int, { description: "1 for the largest" })
  id!: number;

  @Field(() => Int)
  size!: number;

  @Field(() => [CityRef], { description: "its best-connected places first, up to `citiesPerGroup`" })
  cities!: CityRef[];
}

@ObjectType({ description: "Connected components: groups of places linked by chains of partnerships." })
export class NetworkComponents {
  @Field(() => Int)
  count!: number;

  @Field(() => [NetworkGroup], { description: "largest first" })
  groups!: NetworkGroup[];
}

@ObjectType({
  description: "Louvain communities: groups of places more tied to each other than to the rest.",
})
export class NetworkCommunities {
  @Field(() => Int)
  count!: number;

  @Field(() => Float)
  modularity!: number;

  @Field(() => Float)
  resolution!: number;

  @Field(() => [NetworkGroup], { description: "largest first" })
  groups!: NetworkGroup[];
}

@ObjectType({
  description: "Partnership links between places of two countries (the same one twice for domestic links).",
})
export class CountryPair {
  @Field(() => [Country])
  countries!: Country[];

  @Field(() => Int)
  partnerships!: number;
}

@ObjectType()
export class DistanceBucket {
  @Field(() => Float)
  fromKm!: number;

  @Field(() => Float)
  toKm!: number;

  @Field(() => Int)
  partnerships!: number;
}

@ObjectType({ description: "How far apart partner places are, over partnerships of two places." })
export class DistanceDistribution {
  @Field(() => Int, { description: "partnerships whose two places both have coordinates" })
  measured!: number;

  @Field(() => Int, { description: "partnerships of two places where one lacks coordinates" })
  unmeasured!: number;

  @Field(() => Float, { nullable: true })
  meanKm!: number | null;

  @Field(() => Float, { nullable: true })
  medianKm!: number | null;

  @Field(() => Float, { nullable: true })
  maxKm!: number | null;

  @Field(() => [DistanceBucket])
  buckets!: DistanceBucket[];
}

@ObjectType()
export class YearCount {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  partnerships!: number;
}
