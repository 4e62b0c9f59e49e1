// Serves the gateway over HTTP on the checked-in supergraph; starts nothing on import. Each request
// pays the rate limit before its body is read, and meets the operation limits before Apollo parses it.
import { corsPolicy, LOCAL_ORIGINS, openRedis, type RunningServer, serve } from "@twingraph/kit/http";
import { gatewayContext } from "./context";
import { exportRoutes } from "./export/route";
import { createGatewayServer, type GatewayOptions, requestGuardOf, withEnvironment } from "./gateway";
import { graphiqlRoutes } from "./graphiql/route";
import { queryPageEnabled } from "./limits/production";
import { persistedOperations } from "./persisted-operations";
import { type RateLimiter, rateLimitCharge, rateLimiterFromEnvironment, rateLimitGuard } from "./rate-limit";
import { readSupergraph } from "./supergraph";
import { widgetRoutes } from "./widget/route";

export const GATEWAY_PORT = 4000;

export interface GatewayServerOptions extends Partial<GatewayOptions> {
  /** the rate limit; default: from RATE_LIMIT* and API_KEYS_FILE (none with RATE_LIMIT=0), in Redis with REDIS_URL */
  rateLimiter?: RateLimiter | null;
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
  const server = createGatewayServer({
    ...settings,
    onCost: settings.onCost ?? (limiter && rateLimitCharge(limiter)),
  });
  const running = await serve(server, {
    port,
    host,
    service: "gateway",
    cors: corsPolicy(settings.corsOrigins ?? LOCAL_ORIGINS),
    etags: true,
    context: async (request) => gatewayContext(request),
    guard: limiter && rateLimitGuard(limiter),
    graphqlGuard: requestGuardOf(server),
    routes: { ...(queryPageEnabled() ? graphiqlRoutes() : {}), ...exportRoutes(server), ...widgetRoutes() },
  });
  if (!limiterRedis) return running;
  return {
    ...running,
    async close() {
      await running.close();
      limiterRedis.disconnect();
    },
    async drain(graceMs) {
      await running.drain(graceMs);
      limiterRedis.disconnect();
    },
  };
}
