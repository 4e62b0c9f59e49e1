// The tables this subgraph owns (and the revision, staged edits and record versions every subgraph
// database keeps).
import { DataRevision, editingEntities } from "@twingraph/kit/subgraph";
import { Event } from "./event.entity";
import { EventCity } from "./event-city.entity";
import { NewsItem } from "./news-item.entity";
import { NewsItemCity } from "./news-item-city.entity";
import { NewsItemProject } from "./news-item-project.entity";
import { Visit } from "./visit.entity";
import { VisitCity } from "./visit-city.entity";
import { VisitPartnership } from "./visit-partnership.entity";

export { Event } from "./event.entity";
export { EventCity } from "./event-city.entity";
export { NewsItem } from "./news-item.entity";
export { NewsItemCity } from "./news-item-city.entity";
export { NewsItemProject } from "./news-item-project.entity";
export {
  AgreementRef,
  agreementRef,
  CityRef,
  cityRef,
  PartnershipRef,
  ProjectRef,
  partnershipRef,
  projectRef,
} from "./refs";
export { Person, type PersonRecord, Visit } from "./visit.entity";
export { VisitCity, VisitRole, visitCityRows } from "./visit-city.entity";
export { VisitPartnership } from "./visit-partnership.entity";
export const newsEntities = [
  NewsItem,
  NewsItemCity,
  NewsItemProject,
  Visit,
  VisitCity,
  VisitPartnership,
  Event,
  EventCity,
  DataRevision,
  ...editingEntities,
];
