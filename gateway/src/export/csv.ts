// CSV node and edge lists (RFC 4180: header row, CRLF, quoted fields where needed) for spreadsheets,
// pandas, igraph and Gephi's spreadsheet import. No comment lines, which those tools misread: the
// credits travel separately (see creditLine).
import { edgeKeys, type NetworkData } from "./network-data";

type Cell = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: Cell): string {
  if (value === null) return "";
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function table(header: string[], rows: Cell[][]): string {
  const lines = [header.join(",")];
  for (const row of rows) lines.push(row.map(field).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export function toNodesCsv(data: NetworkData): string {
  // Refuse what the edge list would refuse, so a set of files is never half written.
  edgeKeys(data);
  return table(
    ["id", "name", "country", "countryName", "latitude", "longitude", "degree"],
    data.nodes.map((n) => [n.id, n.name, n.countryCode, n.countryName, n.latitude, n.longitude, n.degree]),
  );
}

export function toEdgesCsv(data: NetworkData): string {
  edgeKeys(data); // the same checks as the other formats, though CSV has no edge ids
  return table(
    ["source", "target", "partnership", "kind", "status", "since", "until"],
    data.edges.map((e) => [e.source, e.target, e.id, e.kind, e.status, e.since, e.until]),
  );
}
