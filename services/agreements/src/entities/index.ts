// The tables this subgraph owns.
import { DataRevision, editingEntities } from "@twingraph/kit/subgraph";
import { Agreement } from "./agreement.entity";
import { AgreementCity } from "./agreement-city.entity";
import { NetworkMetric } from "./network-metric.entity";
import { Partnership } from "./partnership.entity";
import { PartnershipCity } from "./partnership-city.entity";

export { Agreement, Party, type PartyRecord, Signatory } from "./agreement.entity";
export { AgreementCity } from "./agreement-city.entity";
export { CityRef, cityRef } from "./city-ref";
export * from "./enums";
export { NetworkMetric } from "./network-metric.entity";
export { Partnership } from "./partnership.entity";
export { memberRows, PartnershipCity } from "./partnership-city.entity";
export const agreementEntities = [
  Partnership,
  PartnershipCity,
  Agreement,
  AgreementCity,
  DataRevision,
  NetworkMetric,
  ...editingEntities,
];
