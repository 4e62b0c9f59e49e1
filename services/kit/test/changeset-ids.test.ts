// Changeset ids bound to their author: their form, whom they belong to, and that the binding holds
// across processes that share the gateway secret (as the changes subgraph and the data subgraphs do)
// and nowhere else. Whether staging refuses another's id is in editing-core.ts.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { CHANGESET_ID_PATTERN, changesetOwnedBy, checkChangesetId, newChangesetId } from "../src/editing";

const ROOT = path.resolve(__dirname, "../../..");
const TYPESCRIPT_HOOK = path.join(ROOT, "test/src/typescript-hook.cjs");
const MODULE = path.join(__dirname, "../src/editing/changeset-ids.ts");

const ANA = "u-ana";
const BORIS = "u-boris";
const SECRET = "a-test-secret";
const OTHER_SECRET = "another-test-secret";

const run = promisify(execFile);

/** The environment of another process: this one's, with only the given gateway secret. */
function envWith(secret: Record<string, string>): NodeJS.ProcessEnv {
  const { GATEWAY_SECRET: _secret, GATEWAY_SECRET_FILE: _file, ...rest } = process.env;
  return { ...rest, ...secret };
}

/** In a `node` process of its own: "mint <subject>" prints a new id, "owns <id> <subject>" true or false. */
async function inAnotherProcess(secret: Record<string, string>, ...args: string[]): Promise<string> {
  const script = `const ids = require(${JSON.stringify(MODULE)});
const [step, a, b] = process.argv.slice(1);
process.stdout.write(step === "mint" ? ids.newChangesetId(a) : String(ids.changesetOwnedBy(a, b)));`;
  const { stdout } = await run(process.execPath, ["--require", TYPESCRIPT_HOOK, "-e", script, ...args], {
    env: envWith(secret),
  });
  return stdout;
}

describe("changeset ids", () => {
  const directory = mkdtempSync(path.join(tmpdir(), "changeset-ids-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('are "cs_", 16 random characters, "_" and 16 more, and belong to the account they were made for', () => {
    const id = newChangesetId(ANA);
    expect(id).toMatch(CHANGESET_ID_PATTERN);
    expect(id).toHaveLength(36);
    expect(newChangesetId(ANA)).not.toBe(id);
    expect(changesetOwnedBy(id, ANA)).toBe(true);
    expect(changesetOwnedBy(id, BORIS)).toBe(false);
    expect(() => checkChangesetId(id)).not.toThrow();
  });

  it("belong to nobody once altered, or when of another form", () => {
    const id = newChangesetId(ANA);
    const flip = (index: number) =>
      `${id.slice(0, index)}${id[index] === "a" ? "b" : "a"}${id.slice(index + 1)}`;
    expect(changesetOwnedBy(flip(3), ANA), "the random part").toBe(false);
    expect(changesetOwnedBy(flip(35), ANA), "the MAC").toBe(false);
    for (const other of ["cs_short", "cs_abcdefghijklmnop", `${id}x`, id.toUpperCase(), ""]) {
      expect(changesetOwnedBy(other, ANA), other).toBe(false);
      expect(() => checkChangesetId(other), other).toThrow(/must be a changeset id/);
    }
  });

  it("hold in every process with the same gateway secret, from the variable or the file, and in no other", async () => {
    const id = await inAnotherProcess({ GATEWAY_SECRET: SECRET }, "mint", ANA);
    expect(id).toMatch(CHANGESET_ID_PATTERN);
    expect(await inAnotherProcess({ GATEWAY_SECRET: SECRET }, "owns", id, ANA)).toBe("true");
    expect(await inAnotherProcess({ GATEWAY_SECRET: SECRET }, "owns", id, BORIS)).toBe("false");
    expect(await inAnotherProcess({ GATEWAY_SECRET: OTHER_SECRET }, "owns", id, ANA)).toBe("false");
    const file = path.join(directory, "gateway-secret");
    writeFileSync(file, `${SECRET}\n`);
    expect(changesetOwnedBy(id, ANA, { GATEWAY_SECRET_FILE: file })).toBe(true);
    expect(changesetOwnedBy(id, ANA, { GATEWAY_SECRET: OTHER_SECRET })).toBe(false);
    expect(changesetOwnedBy(id, ANA, {}), "this process's own key").toBe(false);
    expect(
      changesetOwnedBy(newChangesetId(ANA, { GATEWAY_SECRET: SECRET }), ANA, { GATEWAY_SECRET: SECRET }),
    ).toBe(true);
  });

  it("hold only within the process that made them when no secret is set", async () => {
    const here = newChangesetId(ANA, {});
    expect(changesetOwnedBy(here, ANA, {})).toBe(true);
    expect(changesetOwnedBy(here, ANA, { GATEWAY_SECRET: SECRET })).toBe(false);
    const elsewhere = await inAnotherProcess({}, "mint", ANA);
    expect(changesetOwnedBy(elsewhere, ANA, {})).toBe(false);
    expect(await inAnotherProcess({}, "owns", here, ANA)).toBe("false");
  });
});
