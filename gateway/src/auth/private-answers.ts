// An answer to a signed-in account may hold what only it may see (its open changesets): no browser,
// CDN or proxy may keep it, whatever the subgraphs' cache policies say.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { GatewayContext } from "../context";

export function privateAnswersPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue, overallCachePolicy }) {
      // a policy of no age ends as `Cache-Control: no-store`; later hints only ever lower it
      if ((contextValue as Partial<GatewayContext>).viewer) overallCachePolicy.restrict({ maxAge: 0 });
    },
  };
}
