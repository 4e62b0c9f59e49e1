// Serves the gateway over HTTP on the checked-in supergraph; starts nothing on import. Each request's
// token is verified and the rate limit paid before its body is read, and the operation limits are met
// before Apollo parses it.
import type { IncomingMessage } from "node:http";
import { corsPolicy, LOCAL_ORIGINS, openRedis, type RunningServer, serve } from "@twingraph/kit/http";
import { adminRoutes } from "./admin/routes";
import { authenticate } from "./auth/request";
import { createTokenVerifier, type TokenVerifier, tokenVerifierFromEnv } from "./auth/verifier";
import { gatewayContext } from "./context";
import { exportRoutes } from "./export/route";
import { createGatewayServer, type GatewayOptions, requestGuardOf, withEnvironment } from "./gateway";
import { graphiqlRoutes } from "./graphiql/route";
import { queryPageEnabled } from "./limits/production";
import { persistedOperations } from "./persisted-operations";
import { type RateLimiter, rateLimitCharge, rateLimiterFromEnvironment, rateLimitGuard } from "./rate-limit";
import { reviewRoutes } from "./review/route";
import { readSupergraph } from "./supergraph";
import { widgetRoutes } from "./widget/route";

export const GATEWAY_PORT = 4000;

export interface GatewayServerOptions extends Partial<GatewayOptions> {
  /** the rate limit; default: from RATE_LIMIT* and API_KEYS_FILE (none with RATE_LIMIT=0), in Redis with REDIS_URL */
  rateLimiter?: RateLimiter | null;
  /**
   * verifies bearer tokens; default: from JWT_SECRET, JWT_SECRET_FILE, JWKS_FILE or .data/jwt-secret
   * (auth/keys.ts), with revocations in Redis or .data/revocations.json, closed with the gateway;
   * null: no keys, so every token is refused and only anonymous requests are served
   */
  auth?: TokenVerifier | null;
}

export async function startGateway(
  port: number,
  options: GatewayServerOptions = {},
  host?: string,
): Promise<RunningServer> {
  const settings = withEnvironment({ ...options, supergraphSdl: options.supergraphSdl ?? readSupergraph() });
  const limiterRedis =
    options.rateLimiter === undefined && settings.redisUrl ? openRedis(settings.redisUrl) : undefined;
  const limiter =
    options.rateLimiter === undefined
      ? rateLimiterFromEnvironment({
          redis: limiterRedis,
          discountedOperationIds: persistedOperations(settings.persistedOperationFiles).keys(),
        })
      : (options.rateLimiter ?? undefined);
  const ownAuth =
    options.auth === undefined ? tokenVerifierFromEnv(process.env, settings.redisUrl) : undefined;
  const auth = ownAuth ?? options.auth ?? createTokenVerifier({ secrets: [] });
  const server = createGatewayServer({
    ...settings,
    onCost: settings.onCost ?? (limiter && rateLimitCharge(limiter)),
  });
  const release = async () => {
    limiterRedis?.disconnect();
    await ownAuth?.revocations.close();
  };
  const running = await serve(server, {
    port,
    host,
    service: "gateway",
    cors: corsPolicy(settings.corsOrigins ?? LOCAL_ORIGINS),
    etags: true,
    context: async (request) => gatewayContext(request),
    guard: accountAndRateGuard(auth, limiter),
    graphqlGuard: requestGuardOf(server),
    routes: {
      ...(queryPageEnabled() ? graphiqlRoutes() : {}),
      ...exportRoutes(server),
      ...widgetRoutes(),
      ...reviewRoutes(),
      ...adminRoutes(auth),
    },
  }).catch(async (error: unknown) => {
    await release();
    throw error;
  });
  return {
    ...running,
    async close() {
      await running.close();
      await release();
    },
    async drain(graceMs) {
      await running.drain(graceMs);
      await release();
    },
  };
}

/**
 * Who is asking, then what they may spend: the account pays from its own bucket; a refused token
 * pays its address's before the refusal, so guessing tokens is held to the address's quota.
 */
function accountAndRateGuard(auth: TokenVerifier, limiter: RateLimiter | undefined) {
  const payRequest = limiter && rateLimitGuard(limiter);
  return async (request: IncomingMessage): Promise<void> => {
    const refusal = await authenticate(request, auth).then(
      () => undefined,
      (error: unknown) => error,
    );
    await payRequest?.(request);
    if (refusal) throw refusal;
  };
}
