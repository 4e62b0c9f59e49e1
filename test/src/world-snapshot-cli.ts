// `world-snapshot-cli.ts <directory> <world file>`: the world snapshot made in a process of its own,
// which the world project's global setup starts so that the import runs beside the other tests.
import { writeAndMarkWorldSnapshot } from "./world-snapshot";

const [directory, worldFile] = process.argv.slice(2);
if (!directory || !worldFile) {
  console.error("usage: world-snapshot-cli.ts <directory> <world file>");
  process.exit(2);
}
writeAndMarkWorldSnapshot(directory, worldFile).catch(() => process.exit(1));
