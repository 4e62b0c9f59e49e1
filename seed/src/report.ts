// Human-readable progress and reports for the command line.
import type { SeedResult } from "./seed";
import type { Progress, WorldImportReport } from "./world-import";

/** A one-line progress bar on a terminal; a line per phase elsewhere (CI logs stay readable). */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let lastPhase = "";
  return (phase, done, total) => {
    if (stream.isTTY) {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(
        `\r${phase.padEnd(22)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`,
      );
      if (done === total) stream.write("\n");
    } else if (phase !== lastPhase || done === total) {
      if (done === total) stream.write(`${phase}: ${done}/${total}\n`);
    }
    lastPhase = phase;
  };
}

/** The counts, then the rejections grouped by reason, each with its first line numbers. */
export function describeWorldImport(report: WorldImportReport, linesPerReason = 5): string {
  const lines = [
    `rows read ${report.rowsRead}; partnerships created ${report.partnershipsCreated}, merged ${report.partnershipsMerged}; ` +
      `duplicate rows ${report.duplicateRows}; cities created ${report.citiesCreated}, matched ${report.citiesMatched}; ` +
      `rejected ${report.rejected.length}`,
  ];
  const byReason = new Map<string, number[]>();
  for (const { line, reason } of report.rejected)
    byReason.set(reason, [...(byReason.get(reason) ?? []), line]);
  for (const [reason, rejectedLines] of byReason) {
    const shown = rejectedLines.slice(0, linesPerReason).join(", ");
    const more = rejectedLines.length > linesPerReason ? ", ..." : "";
    lines.push(`  ${reason}: ${rejectedLines.length} row(s), line ${shown}${more}`);
  }
  return lines.join("\n");
}

export function describeSeed(result: SeedResult): string {
  if (result.skipped) return "Databases already seeded; nothing to add.";
  const counts = Object.entries(result.counts ?? {})
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
  const world = result.world
    ? `\nWorld twinning file ${result.worldFile}: ${describeWorldImport(result.world)}`
    : "";
  return `Seeded from the source documents: ${counts}.${world}`;
}
