// Human-readable progress and reports for the command line.
import type { GazetteerReport } from "./places";
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
    `  places in the gazetteer: ${describeGazetteer(report.gazetteer)}`,
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
  const counts = Object.entries(result.sources?.counts ?? {})
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
  const world = result.world
    ? `\nWorld twinning file ${result.worldFile}: ${describeWorldImport(result.world)}`
    : "";
  const located = result.sources
    ? `\nSource cities in the gazetteer: ${describeGazetteer(result.sources.gazetteer)}`
    : "";
  return `Seeded from the source documents: ${counts}.${located}${world}`;
}

/** Counts, then every ambiguous place with its namesakes: those are for a person to settle. */
export function describeGazetteer(report: GazetteerReport): string {
  const lines = [
    `${report.matched} matched, ${report.ambiguous.length} ambiguous, ${report.unmatched.length} not found (GeoNames cities500, CC BY 4.0)`,
  ];
  for (const place of report.ambiguous)
    lines.push(`    ambiguous: ${place.name} (${place.countryCode}): ${place.candidates.join("; ")}`);
  return lines.join("\n");
}
