// @twingraph/kit/http: the HTTP front shared by the gateway and the subgraphs (routes, CORS, ETags,
// ports), caches bounded by weight, and Redis for what several processes share. No database code:
// the gateway installs this.
export * from "./cors";
export * from "./data-dir";
export * from "./logger";
export * from "./lru";
export * from "./metrics";
export * from "./ports";
export * from "./redis";
export * from "./redis-data-version";
export * from "./serve";
export * from "./viewer";
export * from "./warm-up";
