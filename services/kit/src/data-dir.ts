// Where the embedded databases and local state live: TWINGRAPH_DATA_DIR, else .data/ in the project.
import path from "node:path";

export function defaultDataDir(): string {
  return process.env.TWINGRAPH_DATA_DIR ?? path.resolve(__dirname, "../../../.data");
}
