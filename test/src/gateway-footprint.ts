// `node test/dist/gateway-footprint.js [checkout]`: what deploying the gateway alone costs — the size
// of its production install and its package count — and the time from `node gateway/dist/main.js` to
// "ready" in the checkout (median of five starts). Pass another built checkout to compare releases
// in one run; an earlier release may not start from its install alone, so starts run in place.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { installGatewayAlone, REPO_ROOT, startInstalledGateway } from "./gateway-install";

const STARTS = 5;

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? REPO_ROOT);
  const directory = mkdtempSync(path.join(tmpdir(), "twin-footprint-"));
  try {
    const install = installGatewayAlone(directory, root);
    const times: number[] = [];
    for (let run = 0; run < STARTS; run++) {
      const started = performance.now();
      const { child } = await startInstalledGateway(path.join(root, "gateway"), {}, root);
      times.push(performance.now() - started);
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(STARTS / 2)] as number;
    console.log(`${root}`);
    console.log(
      `  production install: ${(install.bytes / 1e6).toFixed(1)} MB in ${install.packages.length} packages`,
    );
    console.log(
      `  start to ready: ${median.toFixed(0)} ms (median of ${STARTS}; ${times.map((t) => t.toFixed(0)).join(", ")})`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
