// The news schema's migrations on PostgreSQL, oldest first: one per change of the entities.
import { NewsBaseline1795247628000 } from "./0001-baseline.migration";
import { NewsDataRevision1795910400000 } from "./0002-data-revision.migration";
import { NewsEditing1796515200000 } from "./0003-editing.migration";
import { NewsSearch1797120000000 } from "./0004-news-search.migration";

export const newsMigrations = [
  NewsBaseline1795247628000,
  NewsDataRevision1795910400000,
  NewsEditing1796515200000,
  NewsSearch1797120000000,
];
