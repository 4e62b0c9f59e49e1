// Ports from the environment, checked, so a typo fails at start with the variable named.

/** Port from the environment variable, else the default. */
export function portFromEnv(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${variable} must be a port number, got "${value}"`);
  return port;
}
