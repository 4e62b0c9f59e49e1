// The closed vocabularies of partnerships and agreements, as in the public contract.
import { registerEnumType } from "type-graphql";

export enum PartnershipKind {
  TWINNING = "TWINNING",
  FRIENDSHIP = "FRIENDSHIP",
  COOPERATION = "COOPERATION",
  DECENTRALISED_COOPERATION = "DECENTRALISED_COOPERATION",
}

export enum PartnershipStatus {
  ACTIVE = "ACTIVE",
  DORMANT = "DORMANT",
  REVIVED = "REVIVED",
  ENDED = "ENDED",
  UNKNOWN = "UNKNOWN",
}

export enum AgreementKind {
  PROTOCOL = "PROTOCOL",
  TWINNING_CHARTER = "TWINNING_CHARTER",
  COOPERATION_AGREEMENT = "COOPERATION_AGREEMENT",
  COOPERATION_PROGRAMME = "COOPERATION_PROGRAMME",
  ACTION_PLAN = "ACTION_PLAN",
  DECLARATION = "DECLARATION",
  MEMORANDUM = "MEMORANDUM",
}

export enum PartyKind {
  MUNICIPALITY = "MUNICIPALITY",
  CITY_GOVERNMENT = "CITY_GOVERNMENT",
  NATIONAL_GOVERNMENT = "NATIONAL_GOVERNMENT",
  EMBASSY = "EMBASSY",
  ASSOCIATION = "ASSOCIATION",
  AGENCY = "AGENCY",
  OTHER = "OTHER",
}

registerEnumType(PartnershipKind, { name: "PartnershipKind" });
registerEnumType(PartnershipStatus, { name: "PartnershipStatus" });
registerEnumType(AgreementKind, { name: "AgreementKind" });
registerEnumType(PartyKind, { name: "PartyKind" });
