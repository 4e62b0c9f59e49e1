// Production mode (NODE_ENV=production or TWINGRAPH_PRODUCTION=1): no introspection and no "Did you
// mean" suggestions, so that anonymous clients learn the schema only from its published files. Stack
// traces are never answered, in any mode: they name the server's paths.
import type { GraphQLFormattedError } from "graphql";

export function productionMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === "production" || env.TWINGRAPH_PRODUCTION === "1";
}

/** Introspection: INTROSPECTION=1 or 0 when given, else on except in production mode. */
export function introspectionEnabled(production: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.INTROSPECTION === "1") return true;
  if (env.INTROSPECTION === "0") return false;
  return !production;
}

/** The query page (GraphiQL at /) is served unless GRAPHIQL=0. */
export function queryPageEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GRAPHIQL !== "0";
}

/** Apollo's suggestion of names, at the end of a message, as graphql-js words it. */
const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * Every error the gateway answers, as the client sees it: without the stack trace or exception a
 * subgraph may have sent along, and in production without suggestions of names, wherever in the
 * answer they arise (Apollo's own option covers validation errors only, not variable values).
 */
export function errorFormatter(
  production: boolean,
): (formatted: GraphQLFormattedError) => GraphQLFormattedError {
  return (formatted) => {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return {
      ...formatted,
      message: production ? formatted.message.replace(SUGGESTION, "") : formatted.message,
      ...(formatted.extensions ? { extensions } : {}),
    };
  };
}
