// Human-readable progress and reports for the command line.
import type { ImportReport, Progress } from "./imports/import-report";
import type { GazetteerReport } from "./places";
import type { SeedResult } from "./seed";

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

/** The counts, then every rejected row with its line (or result) and reason. */
export function describeImport(report: ImportReport<string>): string {
  const records = Object.keys(report.created).map(
    (type) => `  ${type}: ${report.created[type]} created, ${report.merged[type]} merged`,
  );
  const unit = report.rowsAre === "lines" ? "line" : "result";
  return [
    `${report.kind} import of ${report.file}: ${report.rowsRead} rows read, ${report.rowsImported} imported, ` +
      `${report.duplicateRows} duplicate, ${report.rejected.length} rejected`,
    ...records,
    `  places in the gazetteer: ${describeGazetteer(report.gazetteer)}`,
    ...report.rejected.map(({ row, reason }) => `  rejected ${unit} ${row}: ${reason}`),
  ].join("\n");
}

export function describeSeed(result: SeedResult): string {
  if (result.skipped) return "Databases already seeded; nothing to add.";
  const counts = Object.entries(result.sources?.counts ?? {})
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
  const world = result.world
    ? `\nWorld twinning file ${result.worldFile}: ${describeImport(result.world)}`
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
