// The secret between gateways and subgraphs in a test process. The in-process gateway reads
// GATEWAY_SECRET as a deployed one does, so it is set once, for every federation of the process,
// and given to the subgraphs and the gateway processes the tests start.
import { generateGatewaySecret } from "@twingraph/kit/http";

export function testGatewaySecret(): string {
  process.env.GATEWAY_SECRET ||= generateGatewaySecret();
  return process.env.GATEWAY_SECRET;
}
