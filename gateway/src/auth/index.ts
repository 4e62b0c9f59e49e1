// Accounts at the gateway: bearer tokens verified once per request, the keys they are verified with,
// the accounts whose tokens were revoked, and the tokens `npm run token` and admins issue.
export * from "./keys";
export * from "./revocations";
export * from "./revocations-env";
export * from "./revocations-file";
export * from "./revocations-redis";
export * from "./sign";
export * from "./verifier";
