// `node dist/build/build-cli.js`, run by the package's build after tsc: writes the browser files to
// widget/dist/public and prints each one's size, raw and gzipped.
import { BUILT_FILES_DIRECTORY } from "../built-files";
import { writeBrowserFiles } from "./browser-files";

async function main(): Promise<void> {
  const { files } = await writeBrowserFiles();
  const kilobytes = (bytes: number | null) => (bytes === null ? "-" : `${(bytes / 1024).toFixed(1)} kB`);
  console.log(`browser files in ${BUILT_FILES_DIRECTORY}:`);
  for (const file of files) {
    console.log(
      `  ${file.path.padEnd(48)} ${kilobytes(file.size).padStart(10)} ${kilobytes(file.gzippedSize).padStart(10)} gzipped`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
