// @twingraph/kit/settings: what a launcher (`npm start`, the seed's state check, `npm run token`)
// reads before any server runs: the data directory, ports, the gateway secret, the shutdown grace.
// It loads neither Apollo nor pino, Prometheus or Redis, so a launcher spawns its parts at once
// instead of first loading what only they use.
export * from "./data-dir";
export * from "./ports";
export { gatewaySecretFromEnv, generateGatewaySecret } from "./secret";

const DEFAULT_GRACE_MS = 10_000;

/** A positive whole number from the environment variable, else the fallback; anything else stops the start. */
export function positiveIntegerFromEnv(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const value = env[variable];
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0)
    throw new Error(`${variable} must be a positive whole number, got "${value}"`);
  return number;
}

/** A whole number, 0 or more, from the environment variable, else the fallback; anything else stops the start. */
export function nonNegativeIntegerFromEnv(
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: number,
): number {
  const value = env[variable];
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0)
    throw new Error(`${variable} must be a whole number, got "${value}"`);
  return number;
}

/** How long a draining server lets the answers under way finish: SHUTDOWN_GRACE_MS, else 10 s. */
export function shutdownGraceFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntegerFromEnv(env, "SHUTDOWN_GRACE_MS", DEFAULT_GRACE_MS);
}
