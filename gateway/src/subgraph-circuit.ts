// A circuit breaker per subgraph endpoint, so that a subgraph that is down or hung costs requests no
// waiting: after a run of failed fetches it opens and requests fail at once; after a short pause one
// request goes through as a probe, and its success closes the circuit again.
import { gauge, logger } from "@twingraph/kit/http";

export interface CircuitSettings {
  /** consecutive failed fetches (no answer, or no answer in time) that open the circuit */
  failures: number;
  /** how long an open circuit refuses before letting one probe through, in milliseconds */
  retryMs: number;
}

const circuitOpen = gauge(
  "twingraph_subgraph_circuit_open",
  "1 while the gateway's circuit to a subgraph is open (its fetches fail at once), else 0",
  ["subgraph"],
);

type State = "closed" | "open" | "probing";

export class CircuitBreaker {
  private state: State = "closed";
  private consecutiveFailures = 0;
  private openedAt = 0;

  constructor(
    readonly subgraph: string,
    private readonly settings: CircuitSettings,
  ) {
    circuitOpen.set({ subgraph }, 0);
  }

  /**
   * Whether a fetch may go out now. A closed circuit lets every fetch through; an open one none,
   * except one probe once `retryMs` has passed; each fetch let through must end in `succeeded()` or
   * `failed()`.
   */
  allows(): boolean {
    if (this.state === "closed") return true;
    if (this.state === "probing" || performance.now() - this.openedAt < this.settings.retryMs) return false;
    this.state = "probing";
    return true;
  }

  /** The subgraph answered: whatever the answer said, it is reachable. */
  succeeded(): void {
    this.consecutiveFailures = 0;
    if (this.state !== "closed") this.set("closed");
  }

  /** The subgraph did not answer, or not in time. */
  failed(): void {
    this.consecutiveFailures += 1;
    if (this.state === "probing" || this.consecutiveFailures >= this.settings.failures) this.open();
  }

  private open(): void {
    this.openedAt = performance.now();
    if (this.state !== "open") this.set("open");
  }

  private set(state: State): void {
    if (state === "closed")
      logger.info({ subgraph: this.subgraph }, "subgraph circuit closed: the subgraph answers again");
    else if (this.state === "closed")
      logger.warn({ subgraph: this.subgraph, failures: this.consecutiveFailures }, "subgraph circuit opened");
    this.state = state;
    circuitOpen.set({ subgraph: this.subgraph }, state === "closed" ? 0 : 1);
  }
}

/**
 * One circuit per subgraph URL in this process, shared by the gateway's GraphQL fetches and its
 * /revision reads of that subgraph: both learn and obey the same endpoint's health.
 */
const circuits = new Map<string, CircuitBreaker>();

export function circuitFor(subgraph: string, url: string, settings: CircuitSettings): CircuitBreaker {
  let circuit = circuits.get(url);
  if (!circuit) {
    circuit = new CircuitBreaker(subgraph, settings);
    circuits.set(url, circuit);
  }
  return circuit;
}
