// The hostile-traffic benchmark for `npm run bench`: the stack as `npm start` runs it, the canary
// dossier's latency at rest, then again while generated hostile requests (test/src/hostile) arrive a
// few at a time from a thousand addresses; reported as the ratio of the two p99s, with what the attack
// broke: 5xx answers, errors without a code, dead processes, canaries that were not whole.
import { askCanary, type CanaryAnswer, quantile } from "./hostile/canary";
import { hostileRequests } from "./hostile/generator";
import { cpuSeconds, MB, residentBytes } from "./hostile/proc";
import { clientAddress, runHostile, summarize } from "./hostile/runner";
import { startHostileStack } from "./hostile/stack";

const ATTACK_CONCURRENCY = 4;
const CANARIES_AT_REST = 200;
const SEED = 10_000;

export interface HostileFigures {
  requests: number;
  attackSeconds: number;
  rest: { p50: number; p99: number; canaries: number };
  attack: { p50: number; p99: number; canaries: number };
  /** p99 during the attack over p99 at rest */
  p99Ratio: number;
  serverErrors: number;
  uncodedErrors: number;
  deadProcesses: string[];
  canariesNotWhole: number;
  /** the start of the first canary answer that was not whole, if any */
  firstBrokenCanary?: string;
  gatewayMemoryMb: { start: number; end: number };
  gatewayCpuSeconds: number;
}

export async function benchHostile(options: { requests: number }): Promise<HostileFigures> {
  const stack = await startHostileStack();
  try {
    let visitor = 0;
    const canary = () => askCanary(stack.gateway.port, visitor, clientAddress("visitor", visitor++));
    for (let warmUp = 0; warmUp < 20; warmUp++) await canary();

    const atRest: CanaryAnswer[] = [];
    for (let index = 0; index < CANARIES_AT_REST; index++) atRest.push(await canary());

    const memoryStart = residentBytes(stack.gateway.pid);
    const cpuStart = cpuSeconds(stack.gateway.pid);
    const started = performance.now();
    let attacking = true;
    const attack = runHostile(stack, hostileRequests({ count: options.requests, seed: SEED }), {
      concurrency: ATTACK_CONCURRENCY,
      production: false,
    }).finally(() => {
      attacking = false;
    });
    const duringAttack: CanaryAnswer[] = [];
    while (attacking) duringAttack.push(await canary());
    const verdicts = await attack;
    const attackSeconds = (performance.now() - started) / 1000;

    const latencies = (answers: CanaryAnswer[]) => answers.map((answer) => answer.ms);
    const rest = {
      p50: quantile(latencies(atRest), 0.5),
      p99: quantile(latencies(atRest), 0.99),
      canaries: atRest.length,
    };
    const underAttack = {
      p50: quantile(latencies(duringAttack), 0.5),
      p99: quantile(latencies(duringAttack), 0.99),
      canaries: duringAttack.length,
    };
    const figures: HostileFigures = {
      requests: verdicts.length,
      attackSeconds,
      rest,
      attack: underAttack,
      p99Ratio: underAttack.p99 / rest.p99,
      serverErrors: verdicts.filter((verdict) => verdict.problems.includes("5xx")).length,
      uncodedErrors: verdicts.filter((verdict) =>
        verdict.problems.some((problem) => problem === "uncoded error" || problem === "uncoded refusal"),
      ).length,
      deadProcesses: stack.parts.filter((part) => !part.alive()).map((part) => part.name),
      canariesNotWhole: [...atRest, ...duringAttack].filter((answer) => !answer.whole).length,
      firstBrokenCanary: [...atRest, ...duringAttack].find((answer) => !answer.whole)?.body.slice(0, 300),
      gatewayMemoryMb: {
        start: memoryStart / MB,
        end: stack.gateway.alive() ? residentBytes(stack.gateway.pid) / MB : Number.NaN,
      },
      gatewayCpuSeconds: stack.gateway.alive() ? cpuSeconds(stack.gateway.pid) - cpuStart : Number.NaN,
    };
    printHostileFigures(figures);
    console.log(`\n${summarize(verdicts)}`);
    return figures;
  } finally {
    await stack.stop();
  }
}

function printHostileFigures(figures: HostileFigures): void {
  console.log(
    `\nhostile traffic: ${figures.requests} generated requests, ${ATTACK_CONCURRENCY} at a time from 1,000 addresses, ` +
      `in ${figures.attackSeconds.toFixed(0)} s, against the stack as npm start runs it\n`,
  );
  console.log("canary: Kranj–Villach dossier, one visitor at a time   requests   p50 ms   p99 ms");
  const row = (name: string, figure: HostileFigures["rest"]) =>
    console.log(
      [
        name.padEnd(52),
        String(figure.canaries).padStart(9),
        figure.p50.toFixed(1).padStart(8),
        figure.p99.toFixed(1).padStart(8),
      ].join(" "),
    );
  row("  at rest", figures.rest);
  row("  during the attack", figures.attack);
  console.log(`canary p99 during the attack / at rest: ${figures.p99Ratio.toFixed(2)}x`);
  console.log(
    `5xx answers: ${figures.serverErrors}; errors without a code: ${figures.uncodedErrors}; ` +
      `dead processes: ${figures.deadProcesses.length > 0 ? figures.deadProcesses.join(", ") : 0}; ` +
      `canaries not whole: ${figures.canariesNotWhole}`,
  );
  if (figures.firstBrokenCanary) console.log(`the first canary not whole: ${figures.firstBrokenCanary}`);
  console.log(
    `gateway: ${figures.gatewayMemoryMb.start.toFixed(0)} MB → ${figures.gatewayMemoryMb.end.toFixed(0)} MB resident, ` +
      `${figures.gatewayCpuSeconds.toFixed(1)} CPU-s during the attack`,
  );
}
