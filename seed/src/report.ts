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

export function describeWorldImport(report: WorldImportReport, maxRejections = 20): string {
  const lines = [
    `rows read ${report.rowsRead}; partnerships created ${report.partnershipsCreated}, merged ${report.partnershipsMerged}; ` +
      `duplicate rows ${report.duplicateRows}; cities created ${report.citiesCreated}, matched ${report.citiesMatched}; ` +
      `rejected ${report.rejected.length}`,
  ];
  for (const rejection of report.rejected.slice(0, maxRejections)) {
    lines.push(`  line ${rejection.line}: ${rejection.reason}`);
  }
  if (report.rejected.length > maxRejections)
    lines.push(`  ... and ${report.rejected.length - maxRejections} more`);
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
