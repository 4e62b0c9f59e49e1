// The import kinds the CLI offers, each with the columns it reads, as the usage text explains them.
// News (pages, feeds, texts) is not a file of rows: the CLI runs it through importNews (./news).
import type { GraphWriter } from "../write-graph";
import type { ImportReport, Progress } from "./import-report";
import { writePairs, writeWorldTwinnings } from "./pairs";
import { writeProjects } from "./projects";
import { writeWikidata } from "./wikidata";

export * from "./import-file";
export * from "./import-report";
export * from "./news";
export * from "./pairs";
export * from "./partnerships";
export * from "./projects";
export * from "./run-import";
export * from "./wikidata";

export interface ImportCommand {
  name: string;
  /** writes the file through the writer; runImport runs it in writeGraph */
  write(writer: GraphWriter, file: string, progress: Progress): Promise<ImportReport<string>>;
}

export const IMPORT_COMMANDS: readonly ImportCommand[] = [
  { name: "pairs", write: (writer, file, progress) => writePairs(writer, file, { progress }) },
  { name: "world", write: writeWorldTwinnings },
  { name: "wikidata", write: writeWikidata },
  { name: "projects", write: writeProjects },
];

export const IMPORT_USAGE = `usage: npm run import -- <kind> <file>

kinds:
  pairs     twinning pairs as CSV with one of two headers:
              city1,country1,lat1,lng1,city2,country2,lat2,lng2   (the world file's columns)
              city1,country1,city2,country2                        (the minimal form)
            and an optional since column (1957, 1957-05 or 1957-05-22). Countries are ISO codes (SI)
            or English names (Slovenia). The pairs are credited to the file, by its name.
  world     the world twinning file: pairs as above, credited to Wikipedia's list of twin towns
  wikidata  twinnings from the Wikidata Query Service, as CSV, the WDQS JSON download or SPARQL JSON
            results, with the columns
              city,cityLabel,cityCountryCode,partner,partnerLabel,partnerCountryCode[,start,end]
            (items as entity URIs; the SPARQL query that gives them is in docs/imports.md)
  projects  EU projects as keep.eu exports them, CSV, one row per partner:
              acronym,title,programme,fund,budget,EU contribution,start,end,partner name,role,city,country
            (fund, budget, EU contribution, start and end may be left out); roles Lead partner/LP,
            Project partner/PP or Associated; sums in euros such as 1234567.89 or 1.234.567,89
  news      news as an HTML page, an RSS or Atom feed (each entry) or plain text, or a folder of
            them (.html .htm .txt .xml .rss .atom), in sl, sr, hr, bs, mk, fr, de or en: each becomes
            a news item linked to its places, with the visits, agreements and partnerships it
            states and GeoNames places new to the graph; a text or URL ingested before is skipped.
              --url URL             the page's URL (a feed: the base of its links)
              --published YYYY-MM-DD  the publication date, for inputs that do not give one
              --language TAG        the language (BCP 47: sl, sr-Cyrl, ...), instead of detecting it
            A broken page or feed refuses the whole run: every reason is listed, nothing is written.

The whole file is checked before anything is written: a file that is not UTF-8, lacks a column, is
cut off or is not valid CSV or JSON changes nothing. Rows that cannot be used are reported with their
line and reason; the others are imported. Importing a file again changes nothing.`;
