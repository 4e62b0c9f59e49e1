// `npm run import -- <kind> <file> [--account NAME]`: imports twinning pairs, Wikidata twinnings,
// keep.eu projects or news (pages, feeds, texts; a folder of them) as one changeset by the importing
// account, and prints what it did; called wrongly, it explains each kind's input.
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDatabases, openDatabases } from "./databases";
import {
  describeNewsImport,
  IMPORT_COMMANDS,
  IMPORT_USAGE,
  importNews,
  lineProgress,
  runImport,
} from "./imports";
import { describeImport, terminalProgress } from "./report";
import type { ChangesetOptions } from "./write-graph";

const ACCOUNT_USAGE = `
--account NAME  the account the import's changeset is credited to (history shows it, and a bad
                import is reverted as a whole by its changeset); default TWINGRAPH_ACCOUNT, else
                the user running the command`;

/** The account named by --account, else TWINGRAPH_ACCOUNT, else the operating system's user. */
function importingAccount(given: string | undefined): string {
  const account = given?.trim() || process.env.TWINGRAPH_ACCOUNT?.trim() || systemUser();
  if (!account) throw new Error(`Name the importing account.${ACCOUNT_USAGE}`);
  return account;
}

/** The user running the command; none where the system has no entry for it (some containers). */
function systemUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

function parseCommandLine(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        account: { type: "string" },
        url: { type: "string" },
        published: { type: "string" },
        language: { type: "string" },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\n${IMPORT_USAGE}\n${ACCOUNT_USAGE}`);
  }
}

function importChangeset(kind: string, file: string, account: string): ChangesetOptions {
  return {
    kind: "IMPORT",
    author: { id: account, name: account },
    comment: `Import of the ${kind} file ${path.basename(file)}`,
  };
}

type Options = ReturnType<typeof parseCommandLine>["values"];

/** Imports news; true when the run was refused (nothing written). */
async function runNewsImport(input: string, values: Options, account: string): Promise<boolean> {
  if (values.published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.published))
    throw new Error(`--published must be a date as YYYY-MM-DD, got "${values.published}"`);
  const databases = await openDatabases();
  try {
    const report = await importNews(databases, input, {
      url: values.url,
      publishedOn: values.published,
      language: values.language,
      // a bar on a terminal; elsewhere a line per step, so that a long run shows it is moving in a log
      progress: process.stderr.isTTY ? terminalProgress() : lineProgress(),
      changeset: importChangeset("news", input, account),
    });
    console.log(describeNewsImport(report));
    return report.rejected.length > 0;
  } finally {
    await closeDatabases(databases);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(process.argv.slice(2));
  const [kind, file, ...rest] = positionals;
  const command = IMPORT_COMMANDS.find((candidate) => candidate.name === kind);
  if ((!command && kind !== "news") || !file || rest.length > 0)
    throw new Error(`${IMPORT_USAGE}\n${ACCOUNT_USAGE}`);
  if (!existsSync(file)) throw new Error(`No such file or folder: ${file}`);
  const account = importingAccount(values.account);
  if (!command) {
    if (await runNewsImport(file, values, account)) process.exitCode = 1;
    return;
  }
  if (values.url ?? values.published ?? values.language)
    throw new Error("--url, --published and --language are for news; a file of rows says what it needs.");
  const databases = await openDatabases();
  try {
    const report = await runImport(command, databases, file, {
      progress: terminalProgress(),
      changeset: importChangeset(command.name, file, account),
    });
    console.log(describeImport(report));
  } finally {
    await closeDatabases(databases);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
