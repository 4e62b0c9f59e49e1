// Accounts at the gateway: bearer tokens verified once per request, the keys they are verified with,
// and the tokens `npm run token` issues.
export * from "./keys";
export * from "./sign";
export * from "./verifier";
