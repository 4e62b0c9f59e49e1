// jose is an ES module and the gateway compiles to CommonJS: it is loaded with import() (which stays a
// real dynamic import in the build, and which Node ≥ 20.19 also serves to require()), and its types
// are taken from that import, since a CommonJS file may not name an ES module's types directly.
export const loadJose = () => import("jose");

export type Jose = Awaited<ReturnType<typeof loadJose>>;
/** A JSON Web Key Set: `{ "keys": [ { "kty": "RSA", "kid": …, "n": …, "e": … }, … ] }` */
export type JsonWebKeySet = Parameters<Jose["createLocalJWKSet"]>[0];
export type JwtPayload = Awaited<ReturnType<Jose["jwtVerify"]>>["payload"];
