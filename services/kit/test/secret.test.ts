import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gatewaySecretFromEnv, generateGatewaySecret, requireGatewaySecret, sameSecret } from "../src/secret";

const directories: string[] = [];

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function secretFile(contents: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), "twin-secret-"));
  directories.push(directory);
  const file = path.join(directory, "secret");
  writeFileSync(file, contents);
  return file;
}

describe("the gateway secret from the environment", () => {
  it("is GATEWAY_SECRET, else the trimmed contents of GATEWAY_SECRET_FILE", () => {
    expect(gatewaySecretFromEnv({ GATEWAY_SECRET: "from-env", GATEWAY_SECRET_FILE: secretFile("x") })).toBe(
      "from-env",
    );
    expect(gatewaySecretFromEnv({ GATEWAY_SECRET_FILE: secretFile("from-file\n") })).toBe("from-file");
    expect(gatewaySecretFromEnv({})).toBeUndefined();
  });

  it("refuses an empty or unreadable file, and says how to set a secret when there is none", () => {
    expect(() => gatewaySecretFromEnv({ GATEWAY_SECRET_FILE: secretFile("\n") })).toThrow(/is empty/);
    expect(() => gatewaySecretFromEnv({ GATEWAY_SECRET_FILE: "/no/such/file" })).toThrow(
      /GATEWAY_SECRET_FILE cannot be read/,
    );
    expect(() => requireGatewaySecret({})).toThrow(/Set GATEWAY_SECRET \(or GATEWAY_SECRET_FILE/);
  });

  it("compares whole values of any length", () => {
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abc", "abcd")).toBe(false);
    expect(sameSecret("", "abc")).toBe(false);
    expect(generateGatewaySecret()).not.toBe(generateGatewaySecret());
    expect(generateGatewaySecret()).toMatch(/^[\w-]{43}$/);
  });
});
